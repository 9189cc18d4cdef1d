// Hand-over: field sheet builder, export formats, diagnostic report and profile schemas (pure, shared).
export * from './schema';
export * from './field-sheet';
export * from './export-format';
export * from './report';
export * from '../profiles/profile';
