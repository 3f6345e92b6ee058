// A custom query with authorization but no handler.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    ping: a.query().returns(a.string()),
  })
  .authorization((allow) => [allow.authenticated()]);

export const data = defineData({ schema });
