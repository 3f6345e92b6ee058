// .default(...) values of each kind, also combined with .required().
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Settings: a.model({
      theme: a.string().default('dark'),
      retries: a.integer().default(3).required(),
      ratio: a.float().default(0.25),
      big: a.float().default(1e21),
      enabled: a.boolean().default(false),
    }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
