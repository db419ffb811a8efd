import { randomBytes } from 'crypto';
import * as vscode from 'vscode';

/** The nonce of one render: fresh each time, from crypto. */
function nonce(): string {
  return randomBytes(18).toString('base64');
}

/**
 * The studio page: nothing but its bundle and stylesheet, under a strict CSP (default-src 'none',
 * the script by a fresh nonce, images and styles only from the webview's own source).
 */
export function studioHtml(extensionUri: vscode.Uri, webview: vscode.Webview): string {
  const n = nonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'studio.css'));
  const csp = [`default-src 'none'`, `img-src ${webview.cspSource}`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`, `script-src 'nonce-${n}'`].join('; ');
  const lang = vscode.env.language.replace(/[^\w-]/g, '');
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Image Studio</title>
</head>
<body>
<main id="studio" aria-busy="true"></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
}
