import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

const MIGRATIONS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../db/migrations');

/**
 * Every file in db/migrations, keyed by its name without the extension (as Kysely's own provider does).
 * The import happens here rather than inside Kysely's FileMigrationProvider: a dynamic import from
 * node_modules bypasses the TypeScript loader in use (tsx, vitest) and cannot load a `.ts` migration.
 */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await fs.readdir(MIGRATIONS)).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts')).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const mod = (await import(pathToFileURL(path.join(MIGRATIONS, file)).href)) as Partial<Migration> & { default?: Migration };
      const migration = mod.up ? (mod as Migration) : mod.default;
      if (!migration?.up) throw new Error(`migration ${file} exports no up()`);
      migrations[file.slice(0, file.lastIndexOf('.'))] = migration;
    }
    return migrations;
  },
};

/** Apply every pending migration in db/migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
