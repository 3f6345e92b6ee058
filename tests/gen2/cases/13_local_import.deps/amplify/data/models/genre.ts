import { a } from '@aws-amplify/backend';

export const Genre = a.enum(['FICTION', 'SCIENCE']);
