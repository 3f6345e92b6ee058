// Inline enums have no .default() (a TypeError when the file is loaded).
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Task: a.model({ state: a.enum(['OPEN', 'DONE']).default('OPEN') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
