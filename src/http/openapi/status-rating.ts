import { RatingForm } from '../status-rating.js';
import { operation, type Paths } from './builder.js';

export const statusRatingPaths: Paths = {
  '/status/{token}/rating': {
    post: operation({
      summary: "The customer's rating after resolution, from the status page form",
      description: 'A resolved or closed case only (409 while open). Answers 303 back to the status page, which then thanks the customer.',
      tags: ['system'],
      public: true,
      params: { token: 'the unguessable token in the case’s statusUrl' },
      formBody: RatingForm,
      ok: { 303: { description: 'Back to the status page', headers: ['Location'] } },
      problems: [409],
    }),
  },
};
