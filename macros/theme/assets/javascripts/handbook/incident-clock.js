/* The MDR Art. 87 incident clock on the incident form.
   Works from file:// (no fetch, no modules) and sends nothing anywhere. */
(function () {
  "use strict";

  /* The Art. 87 clock. Two answers: the calendar date (awareness day + N days; day 0 is the awareness day) to plan
     by, and the legal last day read from Regulation 1182/71 Art. 3(4) (a last day on a Saturday, Sunday or public
     holiday moves to the next working day) and Art. 3(5) (a period of two days or more includes two working days),
     with Norway's public holidays. A date is a Date at 00:00 UTC and all arithmetic is in UTC; the only local time
     read is today's date for the awareness field. The words come from the page (data-text), in its language. */
  function utcDate(year, month, day) {
    var d = new Date(0);
    d.setUTCFullYear(year, month - 1, day);  // not Date.UTC: that reads years 0-99 as 1900-1999
    return d;
  }

  function parseIsoDate(text) {
    var m = /^(\d{4,6})-(\d\d)-(\d\d)$/.exec(text || "");
    if (!m) return null;
    var d = utcDate(Number(m[1]), Number(m[2]), Number(m[3]));
    return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? d : null;
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  function isoDate(d) {
    return pad(d.getUTCFullYear(), 4) + "-" + pad(d.getUTCMonth() + 1, 2) + "-" + pad(d.getUTCDate(), 2);
  }

  function plusDays(d, days) {
    var next = new Date(d.getTime());
    next.setUTCDate(next.getUTCDate() + days);
    return next;
  }

  function localToday() {
    var now = new Date();
    return pad(now.getFullYear(), 4) + "-" + pad(now.getMonth() + 1, 2) + "-" + pad(now.getDate(), 2);
  }

  /* Easter Sunday in the Gregorian calendar: the anonymous ("Meeus/Jones/Butcher") computus. */
  function easterSunday(year) {
    var golden = year % 19;                                  // place in the 19-year Metonic cycle
    var century = Math.floor(year / 100), yearInCentury = year % 100;
    var skippedLeaps = Math.floor(century / 4), centuryLeap = century % 4;
    var moonShift = Math.floor((century + 8) / 25);
    var moonCorrection = Math.floor((century - moonShift + 1) / 3);
    var epact = (19 * golden + century - skippedLeaps - moonCorrection + 15) % 30;  // days from 21 March to the full moon
    var leaps = Math.floor(yearInCentury / 4), yearLeap = yearInCentury % 4;
    var toSunday = (32 + 2 * centuryLeap + 2 * leaps - epact - yearLeap) % 7;
    var lateFix = Math.floor((golden + 11 * epact + 22 * toSunday) / 451);
    var n = epact + toSunday - 7 * lateFix + 114;
    return utcDate(year, Math.floor(n / 31), (n % 31) + 1);
  }

  /* Norway's public holidays (helligdager and offentlige høytidsdager) in a year: ISO date → keys (two can fall on
     one day: 17 May is Ascension Day or Whit Monday in some years). */
  var holidayCache = {};
  function norwegianHolidays(year) {
    if (holidayCache[year]) return holidayCache[year];
    var easter = easterSunday(year), days = {};
    [[utcDate(year, 1, 1), "new-year"],
     [plusDays(easter, -3), "maundy-thursday"],
     [plusDays(easter, -2), "good-friday"],
     [easter, "easter-sunday"],
     [plusDays(easter, 1), "easter-monday"],
     [utcDate(year, 5, 1), "may-day"],
     [utcDate(year, 5, 17), "constitution-day"],
     [plusDays(easter, 39), "ascension"],
     [plusDays(easter, 49), "whit-sunday"],
     [plusDays(easter, 50), "whit-monday"],
     [utcDate(year, 12, 25), "christmas"],
     [utcDate(year, 12, 26), "boxing-day"]].forEach(function (holiday) {
      var iso = isoDate(holiday[0]);
      (days[iso] = days[iso] || []).push(holiday[1]);
    });
    holidayCache[year] = days;
    return days;
  }

  function holidaysOn(d) {
    return norwegianHolidays(d.getUTCFullYear())[isoDate(d)] || [];
  }

  function isWorkingDay(d) {
    var weekday = d.getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidaysOn(d).length;
  }

  /* The calendar last day and the legal last day of a period of ``days`` days from ``aware`` (day 0). */
  function reportingDeadline(aware, days) {
    var calendar = plusDays(aware, days), legal = calendar, skipped = [];
    while (!isWorkingDay(legal)) {  // Art. 3(4)
      skipped.push(legal);
      legal = plusDays(legal, 1);
    }
    var extended = false;
    if (days >= 2) {  // Art. 3(5): the period (day 1 .. last day) includes at least two working days
      var day = aware, found = 0;
      while (found < 2) {
        day = plusDays(day, 1);
        if (isWorkingDay(day)) found += 1;
      }
      if (day.getTime() > legal.getTime()) { legal = day; extended = true; }
    }
    return { calendar: calendar, legal: legal, skipped: skipped, extended: extended };
  }

  function readText(out) {
    try { return JSON.parse(out.dataset.text || "{}") || {}; } catch (e) { return {}; }
  }

  function setupClocks(root) {
    root.querySelectorAll(".hb-clock").forEach(function (clock) {
      if (clock.dataset.ready) return;
      clock.dataset.ready = "1";
      var aware = clock.querySelector(".hb-clock-aware");
      var kind = clock.querySelector(".hb-clock-kind");
      var out = clock.querySelector(".hb-clock-result");
      if (!aware || !kind || !out) return;
      var text = readText(out), names = text.holidays || {};
      var locale = out.dataset.locale || "nb-NO";
      function shown(d, withYear) {
        var options = { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" };
        if (withYear) options.year = "numeric";
        return d.toLocaleDateString(locale, options);
      }
      function line(className, parts) {
        var p = document.createElement("p");
        p.className = className;
        parts.forEach(function (part) {
          if (typeof part === "string") p.appendChild(document.createTextNode(part));
          else p.appendChild(part);
        });
        return p;
      }
      function span(className, content) {
        var s = document.createElement(className === "hb-clock-label" ? "strong" : "span");
        s.className = className;
        s.textContent = content;
        return s;
      }
      function clear() {
        while (out.firstChild) out.removeChild(out.firstChild);
        out.removeAttribute("data-deadline");
        out.removeAttribute("data-legal");
      }
      function update() {
        var start = parseIsoDate(aware.value), days = parseInt(kind.value, 10);
        clear();
        if (!start || !(days >= 0)) return;
        var result = reportingDeadline(start, days);
        var calendarIso = isoDate(result.calendar), legalIso = isoDate(result.legal);
        var reasons = [];
        if (result.skipped.length) {
          reasons.push(result.skipped.map(function (d) {
            var holidays = holidaysOn(d).map(function (key) { return names[key] || key; });
            return shown(d, false) + (holidays.length ? " (" + holidays.join(", ") + ")" : "");
          }).join(", ") + (text.shift || ""));
        }
        if (result.extended) reasons.push(text.extend || "");
        out.dataset.deadline = calendarIso;
        out.dataset.legal = legalIso;
        out.appendChild(line("hb-clock-head", [text.head || ""]));
        out.appendChild(line("hb-clock-plan", [span("hb-clock-label", text.plan || ""),
          shown(result.calendar, true),
          span("hb-clock-why", (text.days || "").replace("{n}", String(days)))]));
        out.appendChild(line("hb-clock-legal", [span("hb-clock-label", text.legal || ""),
          shown(result.legal, true) + " ", span("hb-clock-tag", text.tag || ""),
          span("hb-clock-why", " – " + (reasons.length ? reasons.join("; ") : (text.same || "")))]));
        out.appendChild(line("hb-clock-source", [text.source || ""]));
      }
      // Today on the reader's machine (the page is static, so never the build date). A reset of the form comes
      // back to today too, also when forms.js has already put back a date kept in the tab.
      if (!aware.defaultValue) aware.defaultValue = localToday();
      if (!aware.value) aware.value = aware.defaultValue;
      var help = clock.querySelector(".hb-clock-kind-help");
      function describe() {  // the catalogue's full text of the chosen kind, under the short option
        if (!help) return;
        var chosen = kind.options[kind.selectedIndex];
        help.textContent = (chosen && chosen.dataset.full) || help.dataset["default"] || "";
      }
      aware.addEventListener("input", update);
      aware.addEventListener("change", update);
      kind.addEventListener("change", update);
      kind.addEventListener("change", describe);
      var form = clock.closest("form");
      if (form) form.addEventListener("reset", function () { setTimeout(function () { update(); describe(); }, 0); });
      update();
      describe();
    });
  }

  function init() { setupClocks(document); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); }
  else if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); }
  else { init(); }
})();
