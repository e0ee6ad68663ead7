/**
 * Russian non-working days and transferred working days, as the government decrees them.
 * 2026: Labour Code art. 112 plus decree No. 1466 of 24.09.2025 (3 Jan → 9 Jan, 4 Jan → 31 Dec).
 * 2027: art. 112 (a holiday on a weekend moves to the next working day) plus the Ministry of Labour's
 * draft (Sat 13 Nov works for Fri 5 Nov); the January 2–3 transfers wait for the decree — update
 * this list when it is published. Pre-holiday shortened days are not modelled.
 */
export const RU_HOLIDAYS: readonly string[] = [
  // 2026
  '2026-01-01', '2026-01-02', '2026-01-05', '2026-01-06', '2026-01-07', '2026-01-08', '2026-01-09',
  '2026-02-23', '2026-03-09', '2026-05-01', '2026-05-11', '2026-06-12', '2026-11-04', '2026-12-31',
  // 2027
  '2027-01-01', '2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08',
  '2027-02-23', '2027-03-08', '2027-05-03', '2027-05-10', '2027-06-14', '2027-11-04', '2027-11-05',
];

/** Weekend days that are working days because a day off was moved from them. */
export const RU_WORKING_WEEKENDS: readonly string[] = ['2027-11-13'];
