/** Runs in each test process of the postgres project: hands the server's URL to tempDbUrl(). */
import { inject } from 'vitest';

process.env.AMENDS_TEST_PG_URL = inject('pgAdminUrl');
