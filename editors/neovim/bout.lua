-- bout for Neovim (0.7 and later): `.bout` files get the `bout` filetype
-- and the `bout lsp` language server, one server per project.
--
-- Put this file on your runtimepath (for instance as
-- ~/.config/nvim/plugin/bout.lua), or `dofile()` it from your init.lua.
-- Set `vim.g.bout_lsp_cmd` to run another binary:
--   vim.g.bout_lsp_cmd = { "/path/to/bout", "lsp" }
-- The server's settings go in `vim.g.bout_lsp_settings`, for instance
--   vim.g.bout_lsp_settings = { inlayHints = false }

vim.cmd([[autocmd BufRead,BufNewFile *.bout setfiletype bout]])

local clients = {}

-- What a user expects of a language server in any Neovim: completion on
-- <C-x><C-o>, and the usual keys (buffer-local, only in .bout files).
local function on_attach(client, buf)
  vim.bo[buf].omnifunc = "v:lua.vim.lsp.omnifunc"
  local function map(lhs, rhs, desc)
    vim.keymap.set("n", lhs, rhs, { buffer = buf, desc = desc })
  end
  map("K", vim.lsp.buf.hover, "bout: hover (the fight's state at an event)")
  map("gd", vim.lsp.buf.definition, "bout: go to definition")
  map("gr", vim.lsp.buf.references, "bout: references")
  map("<leader>rn", vim.lsp.buf.rename, "bout: rename")
  map("<leader>ca", vim.lsp.buf.code_action, "bout: code actions")
  map("<leader>f", function()
    if vim.lsp.buf.format then vim.lsp.buf.format({ bufnr = buf }) else vim.lsp.buf.formatting() end
  end, "bout: format")
  -- Inlay hints (the round clock beside every event) need Neovim 0.10.
  if vim.lsp.inlay_hint and vim.lsp.inlay_hint.enable then
    pcall(vim.lsp.inlay_hint.enable, true, { bufnr = buf })
  end
end

-- The project's root: the nearest ancestor holding bout.toml or .git.
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ":p:h")
  while true do
    if vim.fn.filereadable(dir .. "/bout.toml") == 1 or vim.fn.isdirectory(dir .. "/.git") == 1 then
      return dir
    end
    local parent = vim.fn.fnamemodify(dir, ":h")
    if parent == dir then
      return vim.fn.fnamemodify(path, ":p:h")
    end
    dir = parent
  end
end

local function attach(buf)
  local root = root_of(vim.api.nvim_buf_get_name(buf))
  local id = clients[root]
  if id == nil or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client({
      name = "bout",
      cmd = vim.g.bout_lsp_cmd or { "bout", "lsp" },
      root_dir = root,
      init_options = vim.g.bout_lsp_settings or {},
      on_attach = on_attach,
      settings = { bout = vim.g.bout_lsp_settings or {} },
    })
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(buf, id)
  end
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "bout",
  callback = function(args)
    vim.bo[args.buf].commentstring = "// %s"
    attach(args.buf)
  end,
})
