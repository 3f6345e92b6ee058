// A SQL (PostgreSQL) schema: renameModels, setRelationships, a database-generated key, addQueries.
import { a, defineData, secret } from '@aws-amplify/backend';
import { configure } from '@aws-amplify/data-schema/internals';

const sql = configure({
  database: { identifier: 'Shop', engine: 'postgresql', connectionUri: secret('SQL_URL') },
}).schema({
  customers: a.model({ id: a.integer().default(), name: a.string(), owner: a.string() }).identifier(['id']),
  orders: a.model({ id: a.integer().required(), customer_id: a.integer(), note: a.string() }).identifier(['id']),
});

const schema = sql
  .renameModels(() => [['customers', 'Customer'], ['orders', 'Order']])
  .setRelationships((models) => [
    models.Customer.relationships({ orders: a.hasMany('Order', 'customer_id') }),
    models.Order.relationships({ customer: a.belongsTo('Customer', 'customer_id') }),
  ])
  .addQueries({
    orderCount: a.query().returns(a.integer()).handler(a.handler.inlineSql('SELECT count(*) FROM orders')),
  })
  .authorization((allow) => [allow.publicApiKey()]);

export const data = defineData({ schema });
