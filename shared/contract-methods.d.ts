export declare const METHOD_NAMES: readonly ["app.info", "tokens.inspect"];
/** `app.info` → ['app', 'info']: the renderer calls window.api.app.info(req). */
export declare const splitMethod: (name: string) => [string, string];
