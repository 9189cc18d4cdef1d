/** A short masked preview: first 6 and last 3 characters. */
export declare function maskPreview(value: string): string;
export declare function redact(text: string): string;
