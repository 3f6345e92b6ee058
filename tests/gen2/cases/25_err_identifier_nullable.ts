// Identifier fields must be required.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Country: a.model({ code: a.string(), name: a.string() }).identifier(['code']),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
