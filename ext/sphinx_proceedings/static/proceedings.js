// sphinx-proceedings: a "Copy" button on every Cite box. No framework, no network.
document.addEventListener("DOMContentLoaded", () => {
  for (const box of document.querySelectorAll(".proc-cite")) {
    const pre = box.querySelector("pre");
    if (!pre) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "proc-copy";
    button.textContent = "Copy BibTeX";
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(pre.innerText.trim());
        button.textContent = "Copied";
      } catch (error) {
        button.textContent = "Select the text and copy it";
      }
      setTimeout(() => { button.textContent = "Copy BibTeX"; }, 2000);
    });
    // Before the highlighted block, which is a child of the box.
    (pre.closest(".proc-cite > *") || pre).before(button);
  }
});

// The timetable in the reader's time: each <time class="proc-time"> carries its instant with the
// event's UTC offset; a toggle shows the times in the reader's timezone, and while the event is
// live the slot on now and the next one are marked. Runs again every minute.
document.addEventListener("DOMContentLoaded", () => {
  const times = Array.from(document.querySelectorAll("time.proc-time"));
  if (times.length === 0) return;
  const readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone || "your timezone";
  const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hour12: false });
  const day = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
  for (const time of times) time.dataset.eventText = time.textContent;

  const showLocal = (local) => {
    for (const time of times) {
      if (!local) { time.textContent = time.dataset.eventText; continue; }
      const start = new Date(time.dateTime);
      const end = new Date(time.dataset.end);
      let text = clock.format(start) + (end > start ? "–" + clock.format(end) : "");
      const eventDay = time.dateTime.slice(0, 10);
      const localDay = start.toLocaleDateString("sv");  // YYYY-MM-DD in the reader's zone
      if (localDay !== eventDay) text += " (" + day.format(start) + ")";
      time.textContent = text;
    }
    for (const button of document.querySelectorAll(".proc-zone-toggle button")) {
      button.setAttribute("aria-pressed", String((button.dataset.local === "1") === local));
    }
  };

  const note = document.querySelector(".proc-timezone");
  if (note) {
    const box = document.createElement("div");
    box.className = "proc-zone-toggle";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Show times in");
    const eventButton = document.createElement("button");
    eventButton.type = "button";
    eventButton.dataset.local = "0";
    eventButton.textContent = "Event time";
    const localButton = document.createElement("button");
    localButton.type = "button";
    localButton.dataset.local = "1";
    localButton.textContent = "My time (" + readerZone + ")";
    eventButton.addEventListener("click", () => showLocal(false));
    localButton.addEventListener("click", () => showLocal(true));
    box.append("Show times in: ", eventButton, " ", localButton);
    note.after(box);
    showLocal(false);
  }

  const markLive = () => {
    const now = Date.now();
    let next = null;
    for (const time of times) {
      const row = time.closest("tr");
      if (!row) continue;
      const start = Date.parse(time.dateTime);
      const end = Date.parse(time.dataset.end);
      row.classList.toggle("proc-now", start <= now && now < end);
      row.classList.remove("proc-next");
      if (start > now && (next === null || start < Date.parse(next.dateTime))) next = time;
    }
    const live = document.querySelector("tr.proc-now");
    if (next && live) next.closest("tr").classList.add("proc-next");
  };
  markLive();
  setInterval(markLive, 60 * 1000);
});
