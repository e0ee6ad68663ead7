import { approvalPaths } from './openapi/approvals.js';
import { componentSchemas, type Paths } from './openapi/builder.js';
import { casePaths } from './openapi/cases.js';
import { intakePaths } from './openapi/intake.js';
import { messagePaths } from './openapi/messages.js';
import { peoplePaths } from './openapi/people.js';
import { reportPaths } from './openapi/reports.js';
import { scenarioPaths } from './openapi/scenarios.js';
import { slackPaths } from './openapi/slack.js';
import { slaPaths } from './openapi/sla.js';
import { systemPaths } from './openapi/system.js';
import { statusRatingPaths } from './openapi/status-rating.js';

/**
 * Every resource's paths. Adding a route: describe it with `operation()` in its own module under
 * src/http/openapi/ and add the module here; `test/api/contract*.test.ts` checks every request and
 * response the API suites make against the result.
 */
const RESOURCES: Paths[] = [casePaths, messagePaths, approvalPaths, scenarioPaths, peoplePaths, reportPaths, intakePaths, slackPaths, slaPaths, systemPaths, statusRatingPaths];

let cached: Record<string, unknown> | undefined;

/** The contract (OpenAPI 3.1, JSON Schema 2020-12), built from the same zod schemas that validate requests. */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Paths = {};
  for (const resource of RESOURCES) {
    for (const [path, ops] of Object.entries(resource)) paths[path] = { ...paths[path], ...ops };
  }
  cached = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Amends',
      version: '1',
      description:
        'Complaint-resolution workflow engine. Money is integer minor units with a currency. Errors are RFC 9457 `application/problem+json`. ' +
        'Bodies nest at most 32 levels and are at most 256 kB. Failed authentications are limited per token and per address (429 with `Retry-After`).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    tags: ['cases', 'approvals', 'scenarios', 'people', 'reports', 'intake', 'slack', 'sla', 'system'].map((name) => ({ name })),
    paths,
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: componentSchemas() },
  };
  return cached;
}
