// A model with no rules of its own in a schema without schema-level rules.
import { a, defineData } from '@aws-amplify/backend';

const schema = a.schema({
  Secured: a.model({ name: a.string() }).authorization((allow) => [allow.owner()]),
  Open: a.model({ name: a.string() }),
});

export const data = defineData({ schema });
