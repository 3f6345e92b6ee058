// a.ref to a type the schema does not define.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    Item: a.model({ kind: a.ref('ItemKind') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
