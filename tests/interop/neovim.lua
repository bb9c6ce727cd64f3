-- Drives `bout lsp` through Neovim, headless, as a writer would: opens a
-- script with the repository's own Neovim config (editors/neovim/bout.lua),
-- waits for diagnostics, asks for hover, definition, completion, inlay
-- hints and a rename (applied to the buffer), and writes what Neovim got
-- to $BOUT_OUT, one fact a line. tests/editors.rs runs it and checks it.

local out = {}
local function log(kind, text)
  table.insert(out, kind .. "\t" .. (tostring(text):gsub("\n", "⏎")))
end
local function finish()
  vim.fn.writefile(out, os.getenv("BOUT_OUT"))
  vim.cmd("qa!")
end

-- Any error is written out, and Neovim always quits.
local ok, err = pcall(function()
  vim.g.bout_lsp_cmd = { os.getenv("BOUT_BIN"), "lsp" }
  dofile(os.getenv("BOUT_CONFIG"))
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("BOUT_SCRIPT")))
  log("filetype", vim.bo.filetype)

  local got = vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 20)
  if not got then
    error("no diagnostics within 20 s")
  end
  local diagnostics = vim.diagnostic.get(0)
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
  for _, d in ipairs(diagnostics) do
    local message = d.message:gsub("\n.*", "")
    log("diagnostic", string.format("%d:%d %s %s", d.lnum + 1, d.col, d.code or d.user_data.lsp.code, message))
  end

  -- The position of `needle` (plus `shift` columns) in the buffer.
  local function at(needle, shift)
    for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
      local col = line:find(needle, 1, true)
      if col then
        return { line = i - 1, character = col - 1 + (shift or 0) }
      end
    end
    error("not in the buffer: " .. needle)
  end

  local function request(method, params)
    params.textDocument = { uri = vim.uri_from_bufnr(0) }
    local answers, err = vim.lsp.buf_request_sync(0, method, params, 10000)
    if not answers then
      log("error", method .. ": " .. tostring(err))
      return nil
    end
    for _, answer in pairs(answers) do
      if answer.error then
        log("error", method .. ": " .. answer.error.message)
      end
      return answer.result
    end
  end

  local hover = request("textDocument/hover", { position = at("MARIA up", 7) })
  log("hover on MARIA up", hover and hover.contents.value or "none")
  hover = request("textDocument/hover", { position = at("vs JUNE", 3) })
  log("hover on JUNE", hover and hover.contents.value or "none")

  local definition = request("textDocument/definition", { position = at("MARIA up", 1) })
  if definition then
    local location = definition[1] or definition
    log("definition of MARIA", "line " .. (location.range.start.line + 1))
  end

  local completion = request("textDocument/completion", { position = at("MARIA jab head", 6) })
  local labels = {}
  for _, item in ipairs(completion and (completion.items or completion) or {}) do
    table.insert(labels, item.label)
  end
  log("completion after MARIA", table.concat(labels, " "))

  local hints = request("textDocument/inlayHint", {
    range = { start = { line = 0, character = 0 }, ["end"] = { line = 9999, character = 0 } },
  })
  local shown = {}
  for _, hint in ipairs(hints or {}) do
    table.insert(shown, (hint.position.line + 1) .. ":" .. hint.label)
  end
  log("inlay hints", table.concat(shown, " "))

  local edit = request("textDocument/rename", { position = at("BENNY", 1), newName = "SAL" })
  if edit then
    vim.lsp.util.apply_workspace_edit(edit, "utf-16")
    for i, line in ipairs(vim.api.nvim_buf_get_lines(0, 0, -1, false)) do
      if line:find("SAL", 1, true) then
        log("after rename", (i) .. ": " .. vim.trim(line))
      end
    end
  end

  -- After the rename, the server checks the new text: still three findings.
  vim.wait(5000, function() return false end, 200)
  log("diagnostics after rename", #vim.diagnostic.get(0))
end)
if not ok then
  log("error", err)
end
finish()
