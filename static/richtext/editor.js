// The newsroom's body editor extensions for django-prose-editor (Tiptap).
// Loaded through DJANGO_PROSE_EDITOR_EXTENSIONS; configured in richtext/editor.py.
// Stored shapes (see core/sanitize.py): library images and galleries are references to the
// image library, embeds are a URL and a provider, pull quotes and fact boxes are <aside>s.
import {
  crel,
  Extension,
  gettext,
  Mark,
  mergeAttributes,
  Node,
  Plugin,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const settings = { chooserUrl: "", uploadUrl: "", thumbnailUrl: "", providers: [] }

// Our styles for the editing area: a linked stylesheet (the CSP allows 'self').
const stylesheet = new URL("./editor.css", import.meta.url).href
if (!document.querySelector(`link[href="${stylesheet}"]`)) {
  document.head.append(crel("link", { rel: "stylesheet", href: stylesheet }))
}

const thumbnailUrl = (id) => settings.thumbnailUrl.replace("/0/", `/${id}/`)

// ---------------------------------------------------------------------------------------------
// Paste cleaning. The site's CSP makes Chromium ignore style attributes, so Google Docs'
// <b style="font-weight:normal" id="docs-internal-guid-…"> wrapper would make everything bold
// and its <span style="font-style:italic"> would lose italics. We read the styles as text,
// turn the meaningful ones into tags, then drop every style, class, font and id.

const KEEP_ATTRIBUTES = {
  A: ["href", "title"],
  IMG: ["src", "alt"],
  OL: ["start"],
  TD: ["colspan", "rowspan"],
  TH: ["colspan", "rowspan"],
}
// Pictures come from the image library, never from a paste (a remote one would be a tracker).
const DROP_ELEMENTS = "style, script, meta, link, title, xml, colgroup, col, o\\:p, template, img, picture, svg, iframe"

const unwrap = (el) => {
  el.replaceWith(...el.childNodes)
}

const rename = (el, tagName) => {
  const renamed = el.ownerDocument.createElement(tagName)
  renamed.append(...el.childNodes)
  for (const { name, value } of Array.from(el.attributes)) renamed.setAttribute(name, value)
  el.replaceWith(renamed)
  return renamed
}

const wrapChildren = (el, tagName) => {
  const wrapper = el.ownerDocument.createElement(tagName)
  wrapper.append(...el.childNodes)
  el.append(wrapper)
}

// Styles are read from a renamed attribute: parsing a real `style` (or `on…` handler) would
// count as a CSP violation, one report per element.
const STYLE = "data-paste-style"
const styleOf = (el) => (el.getAttribute(STYLE) || "").toLowerCase().replace(/\s+/g, "")
const defuse = (html) =>
  html.replace(/<style[\s\S]*?<\/style>/gi, "").replace(/<[a-z][^>]*>/gi, (tag) => tag.replace(/(\s)(style|on[a-z]+)(\s*=)/gi, "$1data-paste-$2$3"))

function marksFromStyles(body) {
  for (const el of Array.from(body.querySelectorAll(`[${STYLE}]`))) {
    const style = styleOf(el)
    const tag = el.tagName
    if ((tag === "B" || tag === "STRONG") && /font-weight:(normal|[1-4]00)/.test(style)) {
      unwrap(el)
      continue
    }
    if ((tag === "I" || tag === "EM") && /font-style:normal/.test(style)) {
      unwrap(el)
      continue
    }
    if (!["SPAN", "FONT", "A"].includes(tag)) continue
    // A link's own colour and underline are not emphasis.
    if (/font-weight:(bold|bolder|[6-9]00)/.test(style)) wrapChildren(el, "strong")
    if (/font-style:italic/.test(style)) wrapChildren(el, "em")
    if (tag !== "A" && /text-decoration[\w-]*:[^;]*line-through/.test(style)) wrapChildren(el, "s")
    if (/vertical-align:super/.test(style)) wrapChildren(el, "sup")
    if (/vertical-align:sub/.test(style)) wrapChildren(el, "sub")
  }
}

// Word (desktop) writes list items as paragraphs with mso-list styles and a typed marker.
function wordLists(body) {
  const doc = body.ownerDocument
  let root = null
  let stack = []
  for (const p of Array.from(body.querySelectorAll("p"))) {
    const found = styleOf(p).match(/mso-list:l\d+level(\d+)/)
    if (!found) continue
    const level = Number(found[1])
    const marker = p.querySelector(`[${STYLE}*="mso-list"]`)
    const markerText = marker ? marker.textContent.replace(/\s+/g, "") : ""
    if (marker) marker.remove()
    const ordered = /^[\da-z]{1,4}[.)]$/i.test(markerText)
    const li = doc.createElement("li")
    li.append(...p.childNodes)
    if (!root || p.previousElementSibling !== root) {
      root = doc.createElement(ordered ? "ol" : "ul")
      p.before(root)
      stack = [{ element: root, level }]
    } else {
      while (stack.length > 1 && level < stack.at(-1).level) stack.pop()
      if (level > stack.at(-1).level && stack.at(-1).element.lastElementChild) {
        const nested = doc.createElement(ordered ? "ol" : "ul")
        stack.at(-1).element.lastElementChild.append(nested)
        stack.push({ element: nested, level })
      }
    }
    stack.at(-1).element.append(li)
    p.remove()
  }
}

function realLink(href) {
  // Links copied from a published Google Doc go through google.com/url?q=…
  try {
    const url = new URL(href)
    if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === "/url") {
      return url.searchParams.get("q") || href
    }
  } catch (_error) {
    return href
  }
  return href
}

export function cleanPastedHTML(html) {
  const doc = new DOMParser().parseFromString(defuse(html), "text/html")
  const body = doc.body
  for (const el of Array.from(body.querySelectorAll('b[id^="docs-internal-guid"]'))) {
    unwrap(el)
  }
  // Word's list paragraphs are found by their mso-list style, so before styles go.
  wordLists(body)
  // Word's "Quote" paragraph styles are quotations.
  for (const p of Array.from(body.querySelectorAll("p.MsoQuote, p.MsoIntenseQuote"))) {
    const quote = doc.createElement("blockquote")
    p.replaceWith(quote)
    quote.append(p)
  }
  for (const el of Array.from(body.querySelectorAll(DROP_ELEMENTS))) el.remove()
  marksFromStyles(body)
  for (const el of Array.from(body.querySelectorAll("h1"))) rename(el, "h2")
  for (const el of Array.from(body.querySelectorAll("h5, h6"))) rename(el, "h4")
  for (const el of Array.from(body.querySelectorAll("span, font"))) unwrap(el)
  for (const el of Array.from(body.querySelectorAll("*"))) {
    const keep = KEEP_ATTRIBUTES[el.tagName] || []
    for (const { name } of Array.from(el.attributes)) {
      if (!keep.includes(name)) el.removeAttribute(name)
    }
    if (el.tagName === "A" && el.hasAttribute("href")) {
      el.setAttribute("href", realLink(el.getAttribute("href")))
    }
  }
  return body.innerHTML
}

// ---------------------------------------------------------------------------------------------
// Embeds: a URL on its own line becomes one; the provider table comes from core/embeds.py.

export function providerOf(url) {
  for (const provider of settings.providers) {
    if (!provider.regex) provider.regex = new RegExp(provider.pattern, "i")
    if (provider.regex.test(url)) return provider
  }
  return /^https?:\/\/[^\s/?#]+\.[^\s/?#]+([/?#]\S*)?$/i.test(url) ? { key: "link", name: gettext("Link") } : null
}

// A block goes after a selected block (never replacing it), with a paragraph after it for the
// cursor: typing goes on below the image or embed, not inside it.
export const insertBlock = (editor, content, at = null) => {
  const { selection } = editor.state
  const pos = at ?? (selection.node ? selection.to : null)
  const blocks = [content, { type: "paragraph" }]
  const chain = editor.chain().focus()
  ;(pos === null ? chain.insertContent(blocks) : chain.insertContentAt(pos, blocks)).run()
}

const embedContent = (url, title = "") => {
  const provider = providerOf(url)
  return provider ? { type: "embed", attrs: { url, provider: provider.key, title } } : null
}

export const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return { providers: [] }
  },

  onCreate() {
    settings.providers = this.options.providers
  },

  addAttributes() {
    return { url: { default: "" }, provider: { default: "link" }, title: { default: "" } }
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-embed]",
        priority: 60,
        getAttrs(dom) {
          const link = dom.querySelector("a[href]")
          if (!link) return false
          const url = link.getAttribute("href")
          const text = link.textContent.trim()
          return { url, provider: dom.getAttribute("data-embed"), title: text === url ? "" : text }
        },
      },
    ]
  },

  renderHTML({ node }) {
    const { url, provider, title } = node.attrs
    return ["figure", { "data-embed": provider }, ["a", { href: url }, title || url]]
  },

  addNodeView() {
    return ({ node }) => {
      const provider = providerOf(node.attrs.url)
      const dom = crel("figure", { className: "nr-block nr-embed", "data-embed": node.attrs.provider }, [
        crel("span", {
          className: "nr-block__label",
          textContent: provider?.key === "link" ? gettext("Link card") : `${gettext("Embed")}: ${provider?.name || ""}`,
        }),
        crel("span", { className: "nr-embed__title", textContent: node.attrs.title }),
        crel("span", { className: "nr-embed__url", textContent: node.attrs.url }),
      ])
      return { dom }
    }
  },

  addCommands() {
    return {
      insertEmbed:
        () =>
        ({ editor }) => {
          updateAttrsDialog(
            {
              url: { type: "string", format: "url", title: gettext("Address (URL)"), required: true },
              title: { type: "string", title: gettext("Title (optional, shown to readers)") },
            },
            { title: gettext("Embed or link card"), submitText: gettext("Insert") },
          )(editor, {}).then((attrs) => {
            const content = attrs && embedContent(attrs.url.trim(), attrs.title.trim())
            if (content) insertBlock(editor, content)
          })
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "embed",
      groups: "newsroom",
      command(editor) {
        editor.commands.insertEmbed()
      },
      button: buttons.text(gettext("Embed"), gettext("Embed a video, post, map or link")),
    })
  },
})

// ---------------------------------------------------------------------------------------------
// The image library chooser, for one image or a gallery; uploads from inside the editor.

const csrfToken = (editor) => {
  const form = editor.view.dom.closest("form")
  const input = form?.querySelector("input[name=csrfmiddlewaretoken]")
  return input ? input.value : ""
}

const field = (label, input) =>
  crel("div", { className: "prose-editor-dialog-field" }, [
    crel("label", { htmlFor: input.id, textContent: label }),
    input,
  ])

let dialogCount = 0

export function openImageChooser(editor, { gallery = false, file = null, at = null } = {}) {
  const id = `nr-chooser-${++dialogCount}`
  const selected = new Map()
  const status = crel("p", { className: "nr-chooser__status", role: "status" })
  const errors = crel("p", { className: "nr-chooser__errors", role: "alert" })
  const search = crel("input", { id: `${id}-q`, type: "search", name: "q" })
  const grid = crel("div", { className: "nr-chooser__grid" })
  const upload = crel("input", { id: `${id}-file`, type: "file", name: "upload", accept: "image/*" })
  const uploadAlt = crel("input", { id: `${id}-ualt`, type: "text", name: "alt_text", maxLength: 300 })
  const uploadCredit = crel("input", { id: `${id}-ucredit`, type: "text", name: "credit", maxLength: 200 })
  const uploadButton = crel("button", { type: "button", textContent: gettext("Upload to the library") })
  const alt = crel("input", { id: `${id}-alt`, type: "text", name: "alt", maxLength: 300 })
  const caption = crel("input", { id: `${id}-caption`, type: "text", name: "caption", maxLength: 500 })
  const insert = crel("button", { type: "submit", textContent: gettext("Insert") })
  const cancel = crel("button", { type: "button", textContent: gettext("Cancel") })
  const details = gallery
    ? [field(gettext("Gallery caption (optional)"), caption)]
    : [
        field(gettext("Alt text (required: what the image shows)"), alt),
        field(gettext("Caption (optional; the library's caption if empty)"), caption),
      ]
  const dialog = crel("dialog", { className: "prose-editor-dialog nr-chooser" }, [
    crel("form", { method: "dialog" }, [
      crel("h3", {
        className: "prose-editor-dialog-title",
        textContent: gallery ? gettext("Insert a gallery") : gettext("Insert an image"),
      }),
      field(gettext("Search the image library"), search),
      grid,
      status,
      crel("fieldset", { className: "nr-chooser__upload" }, [
        crel("legend", { textContent: gettext("Or upload a new image") }),
        field(gettext("Image file"), upload),
        field(gettext("Alt text for the library"), uploadAlt),
        field(gettext("Credit"), uploadCredit),
        uploadButton,
      ]),
      ...details,
      errors,
      crel("div", { className: "prose-editor-dialog-buttons" }, [insert, cancel]),
    ]),
  ])
  editor.view.dom.parentElement.append(dialog)

  const render = (choices) => {
    grid.textContent = ""
    for (const choice of choices) {
      const button = crel(
        "button",
        { type: "button", className: "nr-chooser__choice", "aria-pressed": String(selected.has(choice.id)) },
        [
          crel("img", { src: choice.thumbnail, alt: "", width: 96, height: 96, loading: "lazy" }),
          crel("span", { textContent: choice.alt || gettext("(no alt text)") }),
        ],
      )
      button.dataset.imageId = choice.id
      button.addEventListener("click", () => choose(choice, button))
      grid.append(button)
    }
    status.textContent = choices.length ? "" : gettext("No images found.")
  }

  const choose = (choice, button) => {
    if (gallery) {
      if (selected.has(choice.id)) selected.delete(choice.id)
      else selected.set(choice.id, choice)
    } else {
      selected.clear()
      selected.set(choice.id, choice)
      for (const other of grid.querySelectorAll("[aria-pressed]")) other.setAttribute("aria-pressed", "false")
      alt.value = choice.alt || ""
    }
    button?.setAttribute("aria-pressed", String(selected.has(choice.id)))
    status.textContent = gallery
      ? `${selected.size} ${gettext("selected")}`
      : `${gettext("Selected")}: ${choice.alt || choice.id}`
  }

  let lastQuery = null
  const load = () => {
    const query = search.value.trim()
    if (query === lastQuery) return
    lastQuery = query
    fetch(`${settings.chooserUrl}?q=${encodeURIComponent(query)}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
      .then((data) => render(data.images))
      .catch(() => {
        errors.textContent = gettext("The image library could not be loaded.")
      })
  }
  search.addEventListener("input", () => setTimeout(load, 250))
  load()

  uploadButton.addEventListener("click", () => {
    errors.textContent = ""
    if (!upload.files.length || !uploadAlt.value.trim()) {
      errors.textContent = gettext("Choose a file and describe it in the alt text.")
      ;(upload.files.length ? uploadAlt : upload).focus()
      return
    }
    const data = new FormData()
    data.append("upload", upload.files[0])
    data.append("alt_text", uploadAlt.value.trim())
    data.append("credit", uploadCredit.value.trim())
    data.append("focal_x", "50")
    data.append("focal_y", "50")
    uploadButton.disabled = true
    status.textContent = gettext("Uploading…")
    fetch(settings.uploadUrl, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(editor) },
    })
      .then((response) => response.json().then((json) => ({ ok: response.ok, json })))
      .then(({ ok, json }) => {
        uploadButton.disabled = false
        if (!ok) {
          errors.textContent = Object.values(json.errors || {}).flat().join(" ") || gettext("Upload failed.")
          status.textContent = ""
          return
        }
        upload.value = ""
        lastQuery = null
        search.value = ""
        render([json])
        choose(json, grid.querySelector(`[data-image-id="${json.id}"]`))
        status.textContent = gettext("Uploaded and selected.")
        ;(gallery ? insert : alt).focus()
      })
      .catch(() => {
        uploadButton.disabled = false
        errors.textContent = gettext("Upload failed.")
      })
  })

  if (file) {
    const transfer = new DataTransfer()
    transfer.items.add(file)
    upload.files = transfer.files
  }

  const close = () => {
    dialog.close()
    dialog.remove()
  }
  cancel.addEventListener("click", close)
  dialog.addEventListener("close", () => dialog.remove())
  insert.addEventListener("click", (event) => {
    event.preventDefault()
    errors.textContent = ""
    if (!selected.size) {
      errors.textContent = gallery ? gettext("Choose at least two images.") : gettext("Choose an image.")
      return
    }
    if (gallery && selected.size < 2) {
      errors.textContent = gettext("Choose at least two images.")
      return
    }
    if (!gallery && !alt.value.trim()) {
      errors.textContent = gettext("Alt text is required: describe what the image shows.")
      alt.focus()
      return
    }
    const content = gallery
      ? { type: "gallery", attrs: { ids: [...selected.keys()].join(" "), caption: caption.value.trim() } }
      : {
          type: "libraryImage",
          attrs: { imageId: String([...selected.keys()][0]), alt: alt.value.trim(), caption: caption.value.trim() },
        }
    close()
    insertBlock(editor, content, at)
  })
  dialog.showModal()
  ;(file ? uploadAlt : search).focus()
  return dialog
}

const blockView = (label, children) =>
  crel("figure", { className: "nr-block" }, [crel("span", { className: "nr-block__label", textContent: label }), ...children])

export const LibraryImage = Node.create({
  name: "libraryImage",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return { imageId: { default: "" }, alt: { default: "" }, caption: { default: "" } }
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-image-id]",
        priority: 60,
        getAttrs: (dom) => ({
          imageId: dom.getAttribute("data-image-id"),
          alt: dom.getAttribute("data-alt") || "",
          caption: dom.querySelector("figcaption")?.textContent.trim() || "",
        }),
      },
    ]
  },

  renderHTML({ node }) {
    const { imageId, alt, caption } = node.attrs
    const attrs = { "data-image-id": imageId, "data-alt": alt }
    return caption ? ["figure", attrs, ["figcaption", {}, caption]] : ["figure", attrs]
  },

  addNodeView() {
    return ({ node, editor, getPos }) => {
      const img = crel("img", { src: thumbnailUrl(node.attrs.imageId), alt: node.attrs.alt, width: 160, height: 160 })
      const text = crel("span", {
        className: "nr-block__text",
        textContent: `${gettext("Alt")}: ${node.attrs.alt || gettext("MISSING")}${node.attrs.caption ? ` · ${node.attrs.caption}` : ""}`,
      })
      const edit = crel("button", { type: "button", className: "nr-block__edit", textContent: gettext("Edit alt text and caption") })
      edit.addEventListener("click", () => {
        updateAttrsDialog(
          {
            alt: { type: "string", title: gettext("Alt text (required)"), required: true },
            caption: { type: "string", title: gettext("Caption (optional)") },
          },
          { title: gettext("Image in the body"), submitText: gettext("Update") },
        )(editor, node.attrs).then((attrs) => {
          if (!attrs) return
          const pos = getPos()
          editor.chain().setNodeSelection(pos).updateAttributes("libraryImage", {
            alt: attrs.alt.trim(),
            caption: attrs.caption.trim(),
          }).run()
        })
      })
      const dom = blockView(gettext("Library image"), [img, text, edit])
      if (!node.attrs.alt) dom.classList.add("nr-block--problem")
      return { dom }
    }
  },

  addCommands() {
    return {
      insertLibraryImage:
        () =>
        ({ editor }) => {
          openImageChooser(editor)
          return true
        },
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "libraryImage",
      groups: "newsroom",
      command(editor) {
        editor.commands.insertLibraryImage()
      },
      button: buttons.text(gettext("Image"), gettext("Insert an image from the library or upload one")),
    })
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    const imagesOf = (list) => Array.from(list || []).filter((file) => file.type.startsWith("image/"))
    return [
      new Plugin({
        props: {
          handleDrop(view, event) {
            const files = imagesOf(event.dataTransfer?.files)
            if (!files.length) return false
            event.preventDefault()
            // Dropped inside a paragraph, the image goes after it, never splitting its text.
            const found = view.posAtCoords({ left: event.clientX, top: event.clientY })
            const $pos = found && view.state.doc.resolve(found.pos)
            const at = $pos ? ($pos.depth ? $pos.after(1) : $pos.pos) : null
            openImageChooser(editor, { file: files[0], at })
            return true
          },
          handlePaste(_view, event) {
            const files = imagesOf(event.clipboardData?.files)
            if (!files.length) return false
            event.preventDefault()
            openImageChooser(editor, { file: files[0] })
            return true
          },
        },
      }),
    ]
  },
})

export const Gallery = Node.create({
  name: "gallery",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return { ids: { default: "" }, caption: { default: "" } }
  },

  parseHTML() {
    return [
      {
        tag: "figure[data-gallery]",
        priority: 60,
        getAttrs: (dom) => ({
          ids: dom.getAttribute("data-gallery"),
          caption: dom.querySelector("figcaption")?.textContent.trim() || "",
        }),
      },
    ]
  },

  renderHTML({ node }) {
    const { ids, caption } = node.attrs
    return caption ? ["figure", { "data-gallery": ids }, ["figcaption", {}, caption]] : ["figure", { "data-gallery": ids }]
  },

  addNodeView() {
    return ({ node }) => {
      const ids = node.attrs.ids.split(" ").filter(Boolean)
      const thumbs = crel(
        "span",
        { className: "nr-gallery__thumbs" },
        ids.map((id) => crel("img", { src: thumbnailUrl(id), alt: "", width: 64, height: 64 })),
      )
      const text = crel("span", { className: "nr-block__text", textContent: node.attrs.caption })
      return { dom: blockView(`${gettext("Gallery")} (${ids.length})`, [thumbs, text]) }
    }
  },

  addMenuItems({ buttons, menu }) {
    menu.defineItem({
      name: "gallery",
      groups: "newsroom",
      command(editor) {
        openImageChooser(editor, { gallery: true })
      },
      button: buttons.text(gettext("Gallery"), gettext("Insert a grid of library images")),
    })
  },
})

const asideBlock = (name, className, content, label) =>
  Node.create({
    name,
    group: "block",
    content,
    defining: true,

    parseHTML() {
      return [{ tag: `aside.${className}`, priority: 60 }]
    },

    renderHTML({ HTMLAttributes }) {
      return ["aside", mergeAttributes(HTMLAttributes, { class: className }), 0]
    },

    addMenuItems({ buttons, menu }) {
      menu.defineItem({
        name,
        groups: "newsroom",
        command(editor) {
          editor.chain().focus().toggleWrap(name).run()
        },
        active: (editor) => editor.isActive(name),
        button: buttons.text(label, label),
      })
    },
  })

export const PullQuote = asideBlock("pullQuote", "pull-quote", "paragraph+", gettext("Pull quote"))
export const FactBox = asideBlock("factBox", "fact-box", "(paragraph | heading | bulletList | orderedList)+", gettext("Fact box"))

// ---------------------------------------------------------------------------------------------
// Markup the toolbar does not offer but core/sanitize.py keeps (imported bodies hold it):
// description lists, details, addresses, kbd/mark/del/ins, alignment classes and footnote anchors.
// Without a schema entry Tiptap would drop them the first time such a body is saved.

const simpleBlock = (name, tag, content, extra = {}) =>
  Node.create({
    name,
    content,
    defining: true,
    ...extra,
    parseHTML() {
      return [{ tag }]
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, HTMLAttributes, 0]
    },
  })

const simpleMark = (name, tag, attributes = []) =>
  Mark.create({
    name,
    addAttributes() {
      return Object.fromEntries(
        attributes.map((attribute) => [
          attribute,
          {
            default: null,
            parseHTML: (element) => element.getAttribute(attribute),
            renderHTML: (attrs) => (attrs[attribute] ? { [attribute]: attrs[attribute] } : {}),
          },
        ]),
      )
    },
    parseHTML() {
      return [{ tag, priority: 60 }] // before Strike, which reads <del> as <s>
    },
    renderHTML({ HTMLAttributes }) {
      return [tag, HTMLAttributes, 0]
    },
  })

// An attribute kept only when its value has one of the shapes the sanitizer allows.
const keptAttribute = (name, pattern) => ({
  default: null,
  parseHTML: (element) => {
    const value = name === "class" ? [...element.classList].find((c) => pattern.test(c)) : element.getAttribute(name)
    return value && pattern.test(value) ? value : null
  },
  renderHTML: (attrs) => (attrs[name] ? { [name]: attrs[name] } : {}),
})

export const KeepMarkup = Extension.create({
  name: "keepMarkup",

  addExtensions() {
    return [
      simpleBlock("descriptionList", "dl", "(descriptionTerm | descriptionDetails)+", { group: "block" }),
      simpleBlock("descriptionTerm", "dt", "inline*"),
      simpleBlock("descriptionDetails", "dd", "inline*"),
      simpleBlock("details", "details", "detailsSummary block+", { group: "block" }),
      simpleBlock("detailsSummary", "summary", "inline*"),
      simpleBlock("address", "address", "inline*", { group: "block" }),
      simpleMark("keyboard", "kbd"),
      simpleMark("marked", "mark"),
      simpleMark("deleted", "del", ["datetime"]),
      simpleMark("inserted", "ins", ["datetime"]),
    ]
  },

  addGlobalAttributes() {
    return [
      { types: ["paragraph", "heading"], attributes: { class: keptAttribute("class", /^align-(left|center|right)$/) } },
      { types: ["orderedList"], attributes: { class: keptAttribute("class", /^footnotes$/) } },
      { types: ["listItem", "link"], attributes: { id: keptAttribute("id", /^fn-[1-9][0-9]{0,3}(-ref)?$/) } },
    ]
  },
})

// ---------------------------------------------------------------------------------------------
// The editor as a whole: spellcheck on, headings named in the toolbar, settings from Django.

export const NewsroomEditor = Extension.create({
  name: "newsroomEditor",

  addOptions() {
    return { chooserUrl: "", uploadUrl: "", thumbnailUrl: "" }
  },

  onCreate() {
    Object.assign(settings, {
      chooserUrl: this.options.chooserUrl,
      uploadUrl: this.options.uploadUrl,
      thumbnailUrl: this.options.thumbnailUrl,
    })
    this.editor.view.dom.setAttribute("spellcheck", "true")
  },

  addMenuItems({ buttons, menu }) {
    const names = { 2: gettext("Heading 2"), 3: gettext("Heading 3"), 4: gettext("Heading 4") }
    for (const level of [2, 3, 4]) {
      menu.defineItem({
        name: `heading${level}`,
        groups: "headings",
        button: buttons.text(names[level], `${names[level]} (H${level})`),
        active: (editor) => editor.isActive("heading", { level }),
        command(editor) {
          editor.chain().focus().toggleHeading({ level }).run()
        },
      })
    }
    menu.defineItem({
      name: "paragraph",
      groups: "headings",
      priority: 200,
      button: buttons.text(gettext("Paragraph"), gettext("Paragraph")),
      active: (editor) => editor.isActive("paragraph"),
      command(editor) {
        editor.chain().focus().setParagraph().run()
      },
    })
    // Images come from the library: the URL-based figure button is not offered.
    menu.defineItem({ name: "figure", groups: "hidden" })
  },
})

export const CleanPaste = Extension.create({
  name: "cleanPaste",

  addProseMirrorPlugins() {
    const editor = this.editor
    return [
      new Plugin({
        props: {
          transformPastedHTML: cleanPastedHTML,
          handlePaste(view, event) {
            const text = (event.clipboardData?.getData("text/plain") || "").trim()
            if (!/^https?:\/\/\S+$/i.test(text)) return false
            const { $from, empty } = view.state.selection
            const onItsOwn = empty && $from.parent.type.name === "paragraph" && $from.parent.content.size === 0
            const content = onItsOwn && embedContent(text)
            if (!content) return false
            event.preventDefault()
            editor.chain().focus().insertContentAt({ from: $from.before(), to: $from.after() }, [content, { type: "paragraph" }]).run()
            return true
          },
        },
      }),
    ]
  },
})
