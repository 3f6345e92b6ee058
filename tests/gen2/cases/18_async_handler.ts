// An async function handler makes the operation return EventInvocationResponse.
import { a, defineData } from '@aws-amplify/backend';
import { sendReport } from '../functions/send-report/resource';

const schema = a
  .schema({
    Report: a.model({ name: a.string() }),
    sendReport: a
      .mutation()
      .arguments({ reportId: a.id().required() })
      .handler(a.handler.function(sendReport).async()),
  })
  .authorization((allow) => [allow.authenticated()]);

export const data = defineData({ schema });
