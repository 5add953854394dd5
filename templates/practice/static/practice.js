// The practice page's script: it previews each answer as it is typed and checks the answers,
// both through this page's own server, which reads them with probgen's grader. Nothing typed
// is evaluated here, and nothing is fetched from anywhere else.
"use strict";

(function () {
  const form = document.getElementById("answers");
  if (!form) {
    return;
  }
  const page = form.dataset.page;
  const problemId = form.dataset.id;
  const status = document.getElementById("status");
  const solution = document.getElementById("solution");
  const solutionButton = document.getElementById("show-solution");
  const parts = Array.from(form.querySelectorAll(".part"));
  const pending = {};   // part label -> the number of its latest preview request
  const timers = {};
  const PREVIEW_DELAY_MS = 150;

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: JSON.stringify(Object.assign({page: page, id: problemId}, body)),
      credentials: "same-origin",
      cache: "no-store",
    });
    let data = null;
    try {
      data = await response.json();
    } catch (ignored) {
      data = null;
    }
    if (!response.ok) {
      throw new Error(data && data.error ? data.error : "The page's server answered " + response.status + ".");
    }
    return data;
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // Markup the server rendered (MathML, SVG, the worked solution); never text a user typed.
  function markup(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    return template.content;
  }

  function answerOf(part) {
    const radios = part.querySelectorAll("input[type=radio]");
    if (radios.length) {
      const chosen = part.querySelector("input[type=radio]:checked");
      return chosen ? chosen.value : "";
    }
    return part.querySelector(".box").value;
  }

  function showPreview(out, data) {
    out.classList.toggle("unreadable", Boolean(data.message));
    if (data.message) {
      out.replaceChildren(el("span", "what", "Cannot read this: "), el("span", "", data.message));
    } else if (!data.read_as) {
      out.replaceChildren("Not answered yet.");
    } else {
      const math = el("span", "math");
      math.appendChild(markup(data.math));
      out.replaceChildren(el("span", "what", "Read as "), el("code", "", data.read_as), math);
    }
  }

  function preview(part) {
    const label = part.dataset.label;
    const out = document.getElementById("preview-" + label);
    const serial = (pending[label] || 0) + 1;
    pending[label] = serial;
    post("/api/preview", {part: label, text: answerOf(part)})
      .then(function (data) {
        if (pending[label] === serial) {
          showPreview(out, data);
        }
      })
      .catch(function (error) {
        if (pending[label] === serial) {
          out.replaceChildren(error.message);
        }
      });
  }

  function schedule(part) {
    const label = part.dataset.label;
    clearTimeout(timers[label]);
    timers[label] = setTimeout(function () { preview(part); }, PREVIEW_DELAY_MS);
  }

  function points(n) {
    return n + (n === 1 ? " point" : " points");
  }

  function showResult(result) {
    const box = document.getElementById("result-" + result.label);
    const word = result.status.charAt(0).toUpperCase() + result.status.slice(1);
    box.className = "result " + result.status.replace(/ /g, "-");
    box.replaceChildren(el("strong", "", word), " · " + result.score + " of " + points(result.max_score));
    if (result.feedback && result.feedback !== "Correct." && result.feedback !== "Not correct.") {
      box.appendChild(el("p", "feedback", result.feedback));
    }
    if (result.expected) {
      const expected = el("p", "expected", "The key's answer: ");
      expected.appendChild(el("code", "", result.expected));
      box.appendChild(expected);
    }
    box.hidden = false;
  }

  function announce(data) {
    const said = data.parts.map(function (r) {
      const detail = r.status === "correct" || r.feedback === "Not correct." ? "" : ": " + r.feedback;
      return "(" + r.label + ") " + (r.status + detail).replace(/[.\s]+$/, "") + ".";
    });
    status.textContent = "Checked: " + data.score + " of " + points(data.max_score) + ". " + said.join(" ");
  }

  async function check(event) {
    event.preventDefault();
    const answers = {};
    parts.forEach(function (part) { answers[part.dataset.label] = answerOf(part); });
    status.textContent = "Checking…";
    try {
      const data = await post("/api/check", {answers: answers});
      data.parts.forEach(showResult);
      announce(data);
    } catch (error) {
      status.textContent = error.message;
    }
  }

  async function toggleSolution() {
    if (!solution.hidden) {
      solution.hidden = true;
      solutionButton.textContent = "Show solution";
      solutionButton.setAttribute("aria-expanded", "false");
      return;
    }
    try {
      const data = await post("/api/solution", {});
      document.getElementById("solution-body").replaceChildren(markup(data.html));
      const list = document.getElementById("solution-answers");
      list.replaceChildren();
      data.answers.forEach(function (answer) {
        const dd = el("dd");
        dd.appendChild(markup(answer.shown));
        if (answer.expected) {
          const typed = el("p", "expected", "As typed: ");
          typed.appendChild(el("code", "", answer.expected));
          dd.appendChild(typed);
        }
        list.append(el("dt", "", "(" + answer.label + ")"), dd);
      });
      solution.hidden = false;
      solutionButton.textContent = "Hide solution";
      solutionButton.setAttribute("aria-expanded", "true");
      status.textContent = "The worked solution is shown below the problem.";
    } catch (error) {
      status.textContent = error.message;
    }
  }

  parts.forEach(function (part) {
    part.addEventListener("input", function () { schedule(part); });
    part.addEventListener("change", function () { schedule(part); });
  });
  form.addEventListener("submit", check);
  form.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.tagName === "TEXTAREA") {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  solutionButton.setAttribute("aria-controls", "solution");
  solutionButton.setAttribute("aria-expanded", "false");
  solutionButton.addEventListener("click", toggleSolution);
}());
