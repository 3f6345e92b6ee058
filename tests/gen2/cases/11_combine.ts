// a.combine of two schemas; the second refers to an enum of the first.
import { a, defineData } from '@aws-amplify/backend';

const catalog = a
  .schema({
    Category: a.enum(['BOOK', 'GAME']),
    Product: a.model({ name: a.string(), category: a.ref('Category') }),
  })
  .authorization((allow) => [allow.publicApiKey()]);

const orders = a
  .schema({
    Order: a.model({ total: a.float(), category: a.ref('Category') }),
  })
  .authorization((allow) => [allow.authenticated()]);

export const data = defineData({ schema: a.combine([catalog, orders]) });
