// Copying the plain-text summary that Python writes under every result.

export function revealCopyButton(element) {
  const button = element.querySelector("[data-calc-copy]");
  if (button) button.hidden = false;
}

export async function copySummary(event, element) {
  const button = event.target.closest("[data-calc-copy]");
  if (!button) return;
  const text = element.querySelector(".calc-summary__text");
  try {
    await navigator.clipboard.writeText(text.value);
  } catch {
    // Older in-app browsers: fall back to selecting the text for a long-press copy.
    text.select();
    document.execCommand("copy");
  }
  button.textContent = "已复制";
}
