// Inline a.enum in a model and in a custom type: hoisted as <Type><Field>.
import { a, defineData } from '@aws-amplify/backend';

const schema = a
  .schema({
    order: a.model({
      status: a.enum(['NEW', 'PAID', 'SHIPPED']),
      address: a.ref('Address'),
    }),
    Address: a.customType({
      kind: a.enum(['HOME', 'WORK']),
      line: a.string(),
    }),
  })
  .authorization((allow) => [allow.owner()]);

export const data = defineData({ schema });
