-- Neovim's own tree-sitter reads bout with the repository's grammar and
-- highlights query: loads the compiled grammar ($BOUT_TS_LIB), opens
-- $BOUT_SCRIPT, and writes, for each position of $BOUT_PROBES (one
-- `line:column` a line, 0-based), the captures Neovim's highlighter finds
-- there (innermost last). Writes `error <why>` on failure; always quits.

local out = {}
local ok, err = pcall(function()
  local lang = "bout"
  vim.treesitter.require_language(lang, os.getenv("BOUT_TS_LIB"))
  vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("BOUT_SCRIPT")))
  local buf = vim.api.nvim_get_current_buf()
  local text = table.concat(vim.fn.readfile(os.getenv("BOUT_QUERY")), "\n")
  local parse_query = vim.treesitter.query.parse or vim.treesitter.parse_query
  local query = parse_query(lang, text)
  local parser = vim.treesitter.get_parser(buf, lang)
  local tree = parser:parse()[1]
  local root = tree:root()
  if root:has_error() then
    table.insert(out, "error the tree has an ERROR node")
  end
  for _, probe in ipairs(vim.fn.readfile(os.getenv("BOUT_PROBES"))) do
    local row, col = probe:match("(%d+):(%d+)")
    row, col = tonumber(row), tonumber(col)
    local names = {}
    for id, node in query:iter_captures(root, buf, row, row + 1) do
      local sr, sc, er, ec = node:range()
      local inside = (sr < row or (sr == row and sc <= col)) and (er > row or (er == row and ec > col))
      if inside then
        table.insert(names, query.captures[id])
      end
    end
    table.insert(out, probe .. " " .. table.concat(names, ","))
  end
end)
if not ok then
  table.insert(out, "error " .. tostring(err))
end
vim.fn.writefile(out, os.getenv("BOUT_OUT"))
vim.cmd("qa!")
