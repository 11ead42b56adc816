// Every fault and attack the extension is tested against (issue 5), with what is tried and what must
// happen. A test proves a case by carrying its id in its name, e.g. `[fault:submit-429] …`;
// scripts/fault-report.ts matches the suite's results against this list.

export interface FaultCase {
  id: string;
  group: 'Durable jobs' | 'One poller' | 'Faults' | 'Security';
  tried: string;
  expected: string;
}

export const FAULT_CASES: FaultCase[] = [
  {
    id: 'durable:persist-and-resume',
    group: 'Durable jobs',
    tried: 'A job is persisted in the workspace state before waiting; the window goes away while it waits',
    expected: 'On activation the unfinished job is resumed by itself: polled, saved, announced',
  },
  {
    id: 'durable:insertion-after-reload',
    group: 'Durable jobs',
    tried: '"Generate Image and Insert Link" interrupted by a window reload',
    expected: 'The persisted insertion point is used after the reload: the links land where the cursor was',
  },
  {
    id: 'durable:check-lists-state',
    group: 'Durable jobs',
    tried: '"Check Pending Tasks" with an unfinished job',
    expected: 'The job is listed with its state and task id; picking it fetches and saves its images',
  },
  {
    id: 'durable:retry-save',
    group: 'Durable jobs',
    tried: 'A task finished but every download of its image failed',
    expected: 'The job stays pending; "Check Pending Tasks" saves its images later, without a new submit',
  },
  {
    id: 'durable:tool-cancel',
    group: 'Durable jobs',
    tried: 'A language-model tool call (nanoBanana_generateImage) cancelled while its task is pending',
    expected: 'Waiting stops; the user is told the task id (VS Code drops a cancelled tool\'s result); "Check Pending Tasks" saves the image at the asked path without a new submit',
  },
  {
    id: 'durable:cancel-after-send',
    group: 'Durable jobs',
    tried: 'Cancel while the submit is on the wire (the stand-in holds its answer)',
    expected: 'No claim that nothing was sent: the service may have accepted and billed it, and the console\'s task list is where to find it',
  },
  {
    id: 'durable:shutdown-not-cancel',
    group: 'Durable jobs',
    tried: 'The extension is deactivated (the window closes) while a job waits',
    expected: 'Neither cancelled nor failed: the job stays pending in its waiting stage, out of the history, for the next window to resume',
  },
  {
    id: 'durable:save-failure',
    group: 'Durable jobs',
    tried: 'The image arrives but cannot be written (a file where the output folder should be)',
    expected: 'The error names what failed and where; no partial file; the job stays pending and "Check Pending Tasks" saves it later without a new submit',
  },
  {
    id: 'durable:insertion-follows-edits',
    group: 'Durable jobs',
    tried: 'While "Generate Image and Insert Link" waits, the user types two lines above the cursor and a sentence at the end',
    expected: 'The link lands where the cursor was (the insertion point moved with every edit), not where its old line number now points',
  },
  {
    id: 'durable:lookup-typed-id',
    group: 'Durable jobs',
    tried: 'A task id typed by hand into "Check Pending Tasks"',
    expected: 'The task is looked up and its images saved; nothing is submitted',
  },
  {
    id: 'poller:batch-50',
    group: 'One poller',
    tried: 'Many tasks pending at once (10, and more than 50)',
    expected: 'One retrieve_batch per tick for all of them, at most 50 ids a call, every id asked',
  },
  {
    id: 'poller:interval',
    group: 'One poller',
    tried: 'Tasks pending with the default settings',
    expected: 'About one lookup a second while anything is pending',
  },
  {
    id: 'poller:backoff',
    group: 'One poller',
    tried: 'Lookups answered with 429 (Retry-After) and 5xx',
    expected: 'The pause grows with each failure, never shorter than Retry-After, capped',
  },
  {
    id: 'poller:idle',
    group: 'One poller',
    tried: 'Every wait has ended',
    expected: 'No lookup is sent until a new wait starts',
  },
  {
    id: 'poller:wait-limit-setting',
    group: 'One poller',
    tried: 'The wait limit setting',
    expected: '`nanoBanana.waitTimeoutMinutes`, default 10 minutes, at least 1',
  },
  {
    id: 'fault:submit-429',
    group: 'Faults',
    tried: '429 with Retry-After on submit',
    expected: 'Retried after the pause, exactly one task created; a pause too long is not waited out and the message says wait',
  },
  {
    id: 'fault:lookup-429',
    group: 'Faults',
    tried: '429 with Retry-After on lookups',
    expected: 'The next lookup waits at least Retry-After; the wait still succeeds, one submit',
  },
  {
    id: 'fault:submit-500-html',
    group: 'Faults',
    tried: '500 with an HTML body on submit',
    expected: '"The Nano Banana service is unavailable right now (HTTP 500)", not retried, no task created',
  },
  {
    id: 'fault:submit-502-html',
    group: 'Faults',
    tried: '502 with an HTML body on submit',
    expected: '"The Nano Banana service is unavailable right now (HTTP 502)", not retried, no task created',
  },
  {
    id: 'fault:download-reset',
    group: 'Faults',
    tried: 'Connection reset during a download',
    expected: 'Retried, then saved complete; no partial or .part file',
  },
  {
    id: 'fault:download-truncated',
    group: 'Faults',
    tried: 'A download shorter than its Content-Length',
    expected: 'Detected, retried, then saved complete; no partial or .part file',
  },
  {
    id: 'fault:submit-reset-after-accept',
    group: 'Faults',
    tried: 'The connection reset after the service accepted the submit',
    expected: 'Not resent (that would be a second paid task); the message says how to find and fetch the task',
  },
  {
    id: 'fault:slow-service',
    group: 'Faults',
    tried: 'A service slower than the request timeouts',
    expected: 'A timeout naming `requestTimeoutSeconds` and how to fetch the task the service may hold; the submit is not resent',
  },
  {
    id: 'fault:invalid-json',
    group: 'Faults',
    tried: 'Invalid JSON in answers to submit and lookups',
    expected: 'invalid_response, never a crash; a submit is not resent, a lookup is retried',
  },
  {
    id: 'fault:wrong-shape',
    group: 'Faults',
    tried: 'JSON of the wrong shape (no task id, no records)',
    expected: 'invalid_response warning about billing; the poller rides it out',
  },
  {
    id: 'fault:content-moderation',
    group: 'Faults',
    tried: 'A task failing with content_moderation',
    expected: "The service's message is shown; no image downloaded",
  },
  {
    id: 'fault:pending-past-wait-limit',
    group: 'Faults',
    tried: 'A task still pending past the wait limit',
    expected: 'The job says it is still running and resumable; Check Pending Tasks fetches it later, no new submit',
  },
  {
    id: 'fault:window-reload',
    group: 'Faults',
    tried: 'A window reload while waiting (end to end)',
    expected: 'The image still lands after the reload; exactly one submit',
  },
  {
    id: 'fault:20-concurrent-jobs',
    group: 'Faults',
    tried: '20 images from concurrent jobs of one prompt into one folder (end to end)',
    expected: 'All 20 saved complete under distinct names; five submits',
  },
  {
    id: 'fault:proxy-used',
    group: 'Faults',
    tried: 'http.proxy set to a forward proxy (tinyproxy)',
    expected: 'API and image requests go through it (its log shows them); the token goes only to the API',
  },
  {
    id: 'fault:proxy-down',
    group: 'Faults',
    tried: 'http.proxy set to a proxy that is not running',
    expected: 'the error names the proxy; nothing is resubmitted',
  },
  {
    id: 'fault:adversarial-documents',
    group: 'Faults',
    tried: '1 MB of Markdown full of unclosed `![` and HTML full of unclosed `<img`',
    expected: 'Scanned in linear time; the bench row stays under 100 ms; every reference still found',
  },
  {
    id: 'security:workspace-api-base-url',
    group: 'Security',
    tried: "`nanoBanana.apiBaseUrl` in a workspace's settings, pointing at another host",
    expected: 'Ignored: every request goes to the user-settings service, the other host is never contacted',
  },
  {
    id: 'security:token-not-to-image-host',
    group: 'Security',
    tried: 'Downloading results from the image host',
    expected: 'No authorization header and no token in the download requests the image host records',
  },
  {
    id: 'security:token-redacted',
    group: 'Security',
    tried: 'The token in text that reaches the log',
    expected: 'Redacted; it never appears in the Output channel',
  },
  {
    id: 'security:csp-nonce',
    group: 'Security',
    tried: "The results panel's Content Security Policy",
    expected: "Scripts only with a fresh nonce; no 'unsafe-inline' script, no eval; the page runs without violations",
  },
  {
    id: 'security:output-outside-workspace',
    group: 'Security',
    tried: '`outputDirectory` of `../..`, `/etc`, a sibling folder, `C:\\Windows`',
    expected: 'Refused with a message; nothing is saved outside the workspace',
  },
  {
    id: 'security:prompt-file-names',
    group: 'Security',
    tried: 'Prompts with `../`, separators and reserved device names (CON, NUL…)',
    expected: 'File names that cannot traverse folders or use reserved names',
  },
  {
    id: 'security:non-http-image-url',
    group: 'Security',
    tried: 'An `image_url` (or a redirect) that is not http or https (file:, data:, javascript:…)',
    expected: 'Refused before fetching; no file',
  },
  {
    id: 'security:download-size-cap',
    group: 'Security',
    tried: 'A result larger than the download size cap',
    expected: 'too_large, the stream is stopped; no file',
  },
  {
    id: 'security:svg-not-rendered',
    group: 'Security',
    tried: 'An SVG result',
    expected: 'Never saved as an image nor rendered as a document in the results panel',
  },
  {
    id: 'security:secrets-redacted',
    group: 'Security',
    tried: 'Lines reaching the log with the token, proxy credentials in every form (scheme://user:pass@host, a password holding @, a proxy without a scheme, HTTPS_PROXY / HTTP_PROXY, http.proxyAuthorization) and presigned image URLs',
    expected: 'None of them reaches the Output channel: the credentials are redacted, every URL keeps its host and path without its query string',
  },
  {
    id: 'security:api-certificate-checked',
    group: 'Security',
    tried: '`http.proxyStrictSSL: false`, through a proxy and without one, against the API behind a self-signed certificate',
    expected: 'Refused before anything is sent: the message names the host, why the certificate is not trusted, NODE_EXTRA_CA_CERTS, and that http.proxyStrictSSL concerns only the proxy',
  },
  {
    id: 'security:extra-ca-certs',
    group: 'Security',
    tried: 'The same self-signed API with NODE_EXTRA_CA_CERTS naming its certificate when the process starts',
    expected: 'Accepted: the request goes through',
  },
  {
    id: 'security:proxy-strict-ssl',
    group: 'Security',
    tried: 'An https:// proxy with a self-signed certificate, with http.proxyStrictSSL true and false',
    expected: 'True: refused, naming the proxy and the setting; false: the proxy is used (its certificate alone is not checked)',
  },
  {
    id: 'security:download-redirects',
    group: 'Security',
    tried: 'Image downloads redirected six times, from https to http, to another loopback address, to localhost and to a name resolving to a private address',
    expected: 'At most five redirects; never from https to http; never to a loopback, private or link-local address unless the API address is one; each refused before its target is contacted',
  },
  {
    id: 'security:decompression-bomb',
    group: 'Security',
    tried: 'A PNG and a JPEG of a few hundred bytes claiming 30000×30000 pixels, given to each image operation (smaller copy of an edit input or style image, exact-size cut of a result, icon set), and one whose size cannot be read',
    expected: 'Refused from the header with the reason (over 100 megapixels, or damaged) before any worker thread starts; nothing is decoded',
  },
  {
    id: 'security:worker-memory-limit',
    group: 'Security',
    tried: 'An image worker that keeps allocating',
    expected: 'It runs under resourceLimits and is stopped at them; its request fails saying it ran out of memory, the extension host and the next request are unaffected',
  },
  {
    id: 'security:not-an-image-result',
    group: 'Security',
    tried: 'The service answers a task with an SVG or an HTML page under a .png name (with and without an exact size); the image worker answers with bytes of another type',
    expected: 'Nothing is saved, cut or shown in the panel; a worker answer that is not the image type it must be is not used',
  },
  {
    id: 'fault:edit-input-undecodable',
    group: 'Faults',
    tried: 'An edit of an 11 MB file that starts like a JPEG but is damaged: too large to send as it is, and no smaller copy can be decoded from it',
    expected: 'Refused with a message naming the file and saying it could not be decoded; nothing is sent to the service',
  },
  {
    id: 'security:tool-bad-input',
    group: 'Security',
    tried: 'Language-model tool calls with a path outside the workspace (../, absolute), an empty prompt, an unknown model, a missing or non-image input file, a non-Markdown document',
    expected: 'Refused with a reason the agent can act on, before any confirmation: nothing sent, billed or written',
  },
  {
    id: 'security:workspace-cost-settings',
    group: 'Security',
    tried: "A workspace's .vscode/settings.json sets nano-banana-pro, 4K, 3 images and askForOptions false",
    expected: 'Restricted in untrusted workspaces; in any workspace the options list still comes up and the missing-images confirmation names model, resolution, images per reference and that the workspace chose them',
  },
  {
    id: 'security:non-file-schemes',
    group: 'Security',
    tried: 'A Markdown cell of a notebook (vscode-notebook-cell), a diff side or an output document',
    expected: 'Not a file on disk: no image counts as missing, no quick fix, and "Generate Missing Images" says so instead of billing',
  },
  {
    id: 'fault:code-blocks-not-references',
    group: 'Security',
    tried: 'An indented or fenced code block holding `![a](x.png)`',
    expected: 'Not a reference: no quick fix, nothing billed',
  },
  {
    id: 'security:style-images-untrusted',
    group: 'Security',
    tried: "A cloned repository's .vscode/settings.json sets nanoBanana.style and nanoBanana.styleImages (naming, say, a private key)",
    expected: 'Restricted in untrusted workspaces: VS Code ignores the workspace\'s values, so nothing of the user\'s is uploaded by its choice',
  },
  {
    id: 'security:style-images-refused',
    group: 'Security',
    tried: 'nanoBanana.styleImages naming a file outside the workspace (../, absolute), a link leading out of it, a file that is not an image by its bytes, one over 10 MB, one that does not exist',
    expected: 'Refused before anything is sent, with a message naming the setting: nothing sent, billed or saved',
  },
];
