import { FORM_HONEYPOT_FIELD, type PublicForm, type PublicFormField } from '@agent-crm/contracts';

/** Escapes text for HTML element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#f5f6f8}
body.embed{background:transparent}
main{max-width:640px;margin:0 auto;padding:32px 16px}
.card{background:#fff;border:1px solid #dee2e6;border-radius:10px;padding:28px}
.embed main{padding:0}.embed .card{border:0;padding:8px}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 8px}
h2{font-size:1.2rem;margin:24px 0 4px}
.desc,.para{color:#495057;margin:0 0 16px;white-space:pre-line}
.field{margin:0 0 18px;border:0;padding:0}
label,legend{display:block;font-weight:600;margin-bottom:4px;padding:0}
.req{color:#c92a2a}
.help{color:#5c636a;font-size:.875rem;margin:2px 0 6px}
input[type=text],input[type=email],input[type=tel],input[type=number],input[type=date],select,textarea{width:100%;font:inherit;padding:9px 11px;border:1px solid #adb5bd;border-radius:6px;background:#fff;color:inherit}
textarea{min-height:110px;resize:vertical}
input:focus,select:focus,textarea:focus,button:focus{outline:3px solid #4dabf7;outline-offset:1px}
.choice{display:flex;gap:8px;align-items:center;font-weight:400;margin:4px 0}
[aria-invalid=true]{border-color:#c92a2a!important}
.error{color:#c92a2a;font-size:.875rem;margin:4px 0 0}
.error:empty{display:none}
.summary{border:1px solid #c92a2a;background:#fff5f5;color:#c92a2a;border-radius:6px;padding:10px 12px;margin:0 0 16px}
.summary:empty{display:none}
button{font:inherit;font-weight:600;color:#fff;background:#1c7ed6;border:0;border-radius:6px;padding:10px 22px;cursor:pointer}
button[disabled]{opacity:.6;cursor:progress}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.success{font-size:1.1rem;white-space:pre-line}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

function page(options: {
  title: string;
  body: string;
  nonce: string;
  embed: boolean;
  script?: string;
}) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(options.title)}</title>
<style nonce="${options.nonce}">${STYLE}</style>
</head>
<body${options.embed ? ' class="embed"' : ''}>
<main><div class="card">${options.body}</div></main>
${options.script ? `<script nonce="${options.nonce}">${options.script}</script>` : ''}
</body>
</html>`;
}

function requiredMark(field: PublicFormField): string {
  return field.required ? ' <span class="req" aria-hidden="true">*</span>' : '';
}

function describedBy(field: PublicFormField): string {
  const ids = [field.helpText ? `help-${field.id}` : '', `err-${field.id}`].filter(Boolean);
  return ` aria-describedby="${ids.join(' ')}"`;
}

function help(field: PublicFormField): string {
  return field.helpText
    ? `<p class="help" id="help-${field.id}">${escapeHtml(field.helpText)}</p>`
    : '';
}

function errorSlot(field: PublicFormField): string {
  return `<p class="error" id="err-${field.id}"></p>`;
}

const INPUT_TYPES = {
  short_text: 'text',
  email: 'email',
  phone: 'tel',
  number: 'number',
  date: 'date',
} as const;

function renderField(field: PublicFormField): string {
  const id = `f-${field.id}`;
  const name = escapeHtml(field.id);
  const label = escapeHtml(field.label);
  const required = field.required ? ' required aria-required="true"' : '';
  const placeholder = field.placeholder ? ` placeholder="${escapeHtml(field.placeholder)}"` : '';
  const common = `id="${id}" name="${name}"${required}${describedBy(field)}`;
  switch (field.type) {
    case 'heading':
      return `<h2>${label}</h2>${field.helpText ? `<p class="para">${escapeHtml(field.helpText)}</p>` : ''}`;
    case 'paragraph':
      return `<p class="para">${label}</p>`;
    case 'short_text':
    case 'email':
    case 'phone':
    case 'number':
    case 'date': {
      const extra =
        field.type === 'number'
          ? ' step="any" inputmode="decimal"'
          : field.type === 'email'
            ? ' autocomplete="email"'
            : field.type === 'phone'
              ? ' autocomplete="tel"'
              : '';
      return `<div class="field" data-field="${name}"><label for="${id}">${label}${requiredMark(field)}</label>${help(field)}<input type="${INPUT_TYPES[field.type]}" ${common}${placeholder}${extra}>${errorSlot(field)}</div>`;
    }
    case 'long_text':
      return `<div class="field" data-field="${name}"><label for="${id}">${label}${requiredMark(field)}</label>${help(field)}<textarea ${common}${placeholder}></textarea>${errorSlot(field)}</div>`;
    case 'select': {
      const options = (field.options ?? [])
        .map((option) => `<option value="${escapeHtml(option)}">${escapeHtml(option)}</option>`)
        .join('');
      return `<div class="field" data-field="${name}"><label for="${id}">${label}${requiredMark(field)}</label>${help(field)}<select ${common}><option value="">${escapeHtml(field.placeholder ?? 'Choose…')}</option>${options}</select>${errorSlot(field)}</div>`;
    }
    case 'multi_select': {
      const options = (field.options ?? [])
        .map(
          (option, index) =>
            `<label class="choice" for="${id}-${String(index)}"><input type="checkbox" id="${id}-${String(index)}" name="${name}" value="${escapeHtml(option)}">${escapeHtml(option)}</label>`,
        )
        .join('');
      return `<fieldset class="field" data-field="${name}"${describedBy(field)}><legend>${label}${requiredMark(field)}</legend>${help(field)}${options}${errorSlot(field)}</fieldset>`;
    }
    case 'checkbox':
      return `<div class="field" data-field="${name}"><label class="choice" for="${id}"><input type="checkbox" value="true" ${common}>${label}${requiredMark(field)}</label>${help(field)}${errorSlot(field)}</div>`;
    case 'file':
      return `<div class="field" data-field="${name}"><label for="${id}">${label}${requiredMark(field)}</label>${help(field)}<input type="file" multiple accept="image/*,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.txt,.csv" ${common}>${errorSlot(field)}</div>`;
  }
}

/** The submit script: sends the form as multipart, shows errors by field, resizes an embed. */
const SCRIPT = `(function(){
var form=document.getElementById('agentcrm-form');if(!form)return;
var summary=document.getElementById('summary');var button=form.querySelector('button[type=submit]');
function resize(){if(window.parent!==window){window.parent.postMessage({type:'agentcrm-form-height',slug:form.getAttribute('data-slug'),height:document.documentElement.scrollHeight},'*')}}
window.addEventListener('load',resize);window.addEventListener('resize',resize);
function clear(){summary.textContent='';form.querySelectorAll('[aria-invalid]').forEach(function(el){el.removeAttribute('aria-invalid')});form.querySelectorAll('.error').forEach(function(el){el.textContent=''})}
form.addEventListener('submit',function(event){event.preventDefault();clear();button.disabled=true;
fetch(form.action,{method:'POST',body:new FormData(form),headers:{accept:'application/json'}}).then(function(response){
if(response.status===201){var done=document.getElementById('done');done.hidden=false;form.hidden=true;document.getElementById('intro').hidden=true;done.focus();resize();return}
return response.json().catch(function(){return {}}).then(function(body){
var error=(body&&body.error)||{};var details=error.details||[];var first=null;var general=[];
details.forEach(function(d){var id=String(d.path||'').replace(/^answers\\./,'');var slot=document.getElementById('err-'+id);
if(slot){slot.textContent=d.message;var input=document.getElementById('f-'+id)||document.querySelector('[data-field="'+id+'"]');if(input){input.setAttribute('aria-invalid','true');if(!first)first=input}}else{general.push(d.message)}});
if(!details.length||general.length){summary.textContent=general.length?general.join(' '):(error.message||'Something went wrong. Try again.')}
if(first&&first.focus){first.focus()}else{summary.focus()}resize()})}).catch(function(){summary.textContent='The form could not be sent. Check your connection and try again.';summary.focus()}).then(function(){button.disabled=false})})
})();`;

export function renderFormPage(
  form: PublicForm,
  options: { nonce: string; embed: boolean; action: string },
): string {
  const fields = form.fields.map(renderField).join('\n');
  const body = `<div id="intro"><h1>${escapeHtml(form.title)}</h1>${form.description ? `<p class="desc">${escapeHtml(form.description)}</p>` : ''}</div>
<div id="done" class="success" tabindex="-1" role="status" hidden>${escapeHtml(form.successMessage)}</div>
<form id="agentcrm-form" method="post" enctype="multipart/form-data" action="${escapeHtml(options.action)}" data-slug="${escapeHtml(form.slug)}" novalidate>
<div id="summary" class="summary" role="alert" tabindex="-1"></div>
<input type="hidden" name="renderToken" value="${escapeHtml(form.renderToken)}">
<div class="hp" aria-hidden="true"><label for="hp-${FORM_HONEYPOT_FIELD}">Leave this empty</label><input type="text" id="hp-${FORM_HONEYPOT_FIELD}" name="${FORM_HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>
${fields}
<button type="submit">${escapeHtml(form.submitLabel)}</button>
</form>`;
  return page({
    title: form.title,
    body,
    nonce: options.nonce,
    embed: options.embed,
    script: SCRIPT,
  });
}

/** A whole page with one message: not found, thank you, or what to fix (without JavaScript). */
export function renderMessagePage(options: {
  title: string;
  message: string;
  items?: string[];
  nonce: string;
  embed: boolean;
  backHref?: string;
}): string {
  const items = options.items?.length
    ? `<ul>${options.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`
    : '';
  const back = options.backHref
    ? `<p><a href="${escapeHtml(options.backHref)}">Back to the form</a></p>`
    : '';
  const body = `<h1>${escapeHtml(options.title)}</h1><p class="success" role="status">${escapeHtml(options.message)}</p>${items}${back}`;
  return page({ title: options.title, body, nonce: options.nonce, embed: options.embed });
}
