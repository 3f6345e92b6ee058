import { a } from '@aws-amplify/backend';

export const libraryModels = {
  Book: a.model({
    title: a.string().required(),
    genre: a.ref('Genre'),
    loans: a.hasMany('Loan', 'bookId'),
  }),
  Loan: a.model({
    bookId: a.id(),
    book: a.belongsTo('Book', 'bookId'),
  }),
};
