// Custom query, mutation and subscription: inline return types and argument types are hoisted.
import { a, defineData, defineFunction } from '@aws-amplify/backend';

const echoFn = defineFunction({ name: 'echo', entry: './echo.ts' });

const schema = a
  .schema({
    Message: a.customType({ text: a.string(), at: a.datetime() }),
    Note: a.model({ body: a.string() }),
    echo: a
      .query()
      .arguments({ text: a.string().required(), mood: a.enum(['HAPPY', 'SAD']) })
      .returns(a.customType({ reply: a.string(), length: a.integer() }))
      .handler(a.handler.function(echoFn)),
    post: a
      .mutation()
      .arguments({ message: a.ref('Message'), extra: a.customType({ tone: a.enum(['LOUD', 'SOFT']) }) })
      .returns(a.ref('Message'))
      .handler(a.handler.custom({ entry: './post.js' })),
    onPost: a.subscription().for(a.ref('post')).handler(a.handler.custom({ entry: './onPost.js' })),
    onNote: a
      .subscription()
      .for(a.ref('Note').mutations(['create', 'update']))
      .handler(a.handler.custom({ entry: './onNote.js' })),
  })
  .authorization((allow) => [allow.authenticated()]);

export const data = defineData({ schema });
