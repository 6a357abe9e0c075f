-- qbr decks → pandoc slides: "<!-- notes -->" starts the slide's speaker notes; blocks below a table move above it
-- (pandoc's pptx writer ends a slide after a table).
local function is_notes(b) return b.t == "RawBlock" and b.format == "html" and b.text:match("^%s*<!%-%- notes %-%->") end
function Pandoc(doc)
  local out, chunk = {}, {}
  local function flush()
    local body, notes, in_notes = {}, {}, false
    for _, b in ipairs(chunk) do
      if is_notes(b) then in_notes = true elseif in_notes then table.insert(notes, b) else table.insert(body, b) end
    end
    local head, tables, rest, seen = {}, {}, {}, false
    for _, b in ipairs(body) do
      if b.t == "Table" then seen = true; table.insert(tables, b)
      elseif seen then table.insert(rest, b) else table.insert(head, b) end
    end
    for _, l in ipairs({head, rest, tables}) do for _, b in ipairs(l) do table.insert(out, b) end end
    if #notes > 0 then table.insert(out, pandoc.Div(notes, {class = "notes"})) end
    chunk = {}
  end
  for _, b in ipairs(doc.blocks) do
    if b.t == "HorizontalRule" then flush(); table.insert(out, b) else table.insert(chunk, b) end
  end
  flush()
  doc.blocks = out
  return doc
end
