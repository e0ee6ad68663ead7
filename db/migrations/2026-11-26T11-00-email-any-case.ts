import { sql, type Kysely } from 'kysely';

/**
 * E-mails are one address in any casing: `ANNA@example.com` and `anna@example.com` are one person.
 * Stored e-mails become trimmed and lower-case, as new ones are (an empty one becomes none), and a
 * unique index on `lower(email)` keeps two people from holding one address in two casings. Sign-in
 * and the duplicate check read through it.
 *
 * Two people whose e-mails differ only in casing cannot both keep theirs: the migration stops, before
 * changing anything, naming them; give one of them another e-mail and migrate again.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const rows = (await db.selectFrom('users').select(['id', 'name', 'email']).where('email', 'is not', null).orderBy('id').execute()) as Array<{ id: string; name: string; email: string }>;
  const byAddress = new Map<string, typeof rows>();
  for (const r of rows) {
    const address = r.email.trim().toLowerCase();
    if (address !== '') byAddress.set(address, [...(byAddress.get(address) ?? []), r]);
  }
  const clashes = [...byAddress].filter(([, people]) => people.length > 1);
  if (clashes.length > 0) {
    const named = clashes.map(([address, people]) => `${address}: ${people.map((p) => `${p.id} (${p.name}, ${p.email})`).join(', ')}`).join('; ');
    throw new Error(`e-mails are now one address in any casing, but several people share one: ${named}. Give all but one of each another e-mail, then migrate again.`);
  }
  for (const r of rows) {
    const address = r.email.trim().toLowerCase();
    if (address !== r.email) await db.updateTable('users').set({ email: address === '' ? null : address }).where('id', '=', r.id).execute();
  }
  await db.schema.createIndex('users_email_lower').on('users').expression(sql`lower(email)`).unique().execute();
}

/** Drops the index; the e-mails stay lower-case (their old casing is not kept), which any version reads. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('users_email_lower').execute();
}
