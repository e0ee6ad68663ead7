import { z } from 'zod';
import { Scenario } from '../../../workflows/scenarios/schema.js';
import { operation, type Paths } from './builder.js';

const ScenarioListItem = Scenario.pick({ id: true, title: true, severity: true, tone: true, budget: true, offers: true, deadlines: true });

export const scenarioPaths: Paths = {
  '/api/v1/scenarios': { get: operation({ summary: 'The playbooks', tags: ['scenarios'], ok: { 200: { schema: z.object({ items: z.array(ScenarioListItem) }).strict() } } }) },
  '/api/v1/scenarios/{id}': { get: operation({ summary: 'One playbook', tags: ['scenarios'], params: { id: 'the scenario id, e.g. late-arrival' }, ok: { 200: { schema: Scenario } } }) },
};
