-- The README's Neovim snippet for the shared library ("Shared library", "Neovim (0.7 to 0.10)"), run as written
-- in a headless Neovim (0.7 and later) against a PostgreSQL that test/nvim/library.test.ts started:
--
--   nvim --headless --clean -u NONE -c 'luafile test/nvim/library_check.lua'
--
-- Only the checkout's paths, the library's URL and the password file's path are filled in. It opens the draft of
-- PRECEDENT_WORKSPACE, waits for the server to report the library online, and hovers over the draft's first item,
-- whose precedent only the library has. The JSON result goes to PRECEDENT_NVIM_RESULT.
--
-- Environment: PRECEDENT_NVIM_RESULT, PRECEDENT_SERVER, PRECEDENT_NODE, PRECEDENT_WORKSPACE (holds draft.rec.md),
-- PRECEDENT_LIBRARY_URL (no password), PRECEDENT_PGPASSFILE, PRECEDENT_EXPECT (text the hover must show),
-- PRECEDENT_NVIM_TIMEOUT (ms). Exit status: 0 when every check passed, 1 otherwise, 3 on the overall timeout.

local script = debug.getinfo(1, 'S').source:gsub('^@', '')
local repo = vim.fn.fnamemodify(script, ':p:h:h:h')
local server = os.getenv('PRECEDENT_SERVER') or (repo .. '/dist/server.js')
local node = os.getenv('PRECEDENT_NODE') or 'node'
local workspace = assert(os.getenv('PRECEDENT_WORKSPACE'), 'PRECEDENT_WORKSPACE')
local library_url = assert(os.getenv('PRECEDENT_LIBRARY_URL'), 'PRECEDENT_LIBRARY_URL')
local passfile = assert(os.getenv('PRECEDENT_PGPASSFILE'), 'PRECEDENT_PGPASSFILE')
local expect = assert(os.getenv('PRECEDENT_EXPECT'), 'PRECEDENT_EXPECT')
local WAIT_MS = 30000

local results = { log = {}, statuses = {} }

local Harness = dofile(vim.fn.fnamemodify(script, ':p:h') .. '/harness.lua')
local harness = Harness.new({
  tag = 'nvim-library',
  timeout_ms = 60000,
  results = results,
})
local say, check, read_file = harness.say, harness.check, Harness.read_file

-- The snippet as the README has it, with this machine's paths and the test library filled in.
local function readme_snippet()
  local readme = read_file(repo .. '/README.md')
  local at = readme:find('**Neovim (0.7 to 0.10)**', 1, true)
  if not at then return nil end
  local first = readme:find('```lua\n', at, true)
  local last = first and readme:find('\n```', first + 7, true)
  if not last then return nil end
  local snippet = readme:sub(first + 7, last)
  local function literal(text) return (text:gsub('%%', '%%%%')) end
  local replaced = {}
  local function fill(pattern, value)
    local count
    snippet, count = snippet:gsub(pattern, literal(value))
    replaced[pattern] = count
  end
  fill('/path/to/precedent/dist/server%.js', server)
  fill("{ 'node',", "{ '" .. node .. "',")
  fill("'postgres://alice@library%.example%.org/precedent'", "'" .. library_url .. "'")
  fill("vim%.fn%.expand%('~/%.config/precedent/pgpass'%)", "'" .. passfile .. "'")
  for pattern, count in pairs(replaced) do
    if count ~= 1 then return nil, 'the snippet no longer has ' .. pattern end
  end
  return snippet
end

local function main()
  local snippet, why = readme_snippet()
  if not check('the README has the shared library snippet for Neovim', snippet ~= nil and snippet:find('start_client', 1, true) ~= nil, why) then return end
  results.snippet = snippet

  local status = nil
  vim.lsp.handlers['precedent/indexStatus'] = function(_, params)
    status = params
    if params and params.library then table.insert(results.statuses, { state = params.state, library = params.library.state, documents = params.library.documents, reason = params.library.reason }) end
  end
  vim.lsp.handlers['window/logMessage'] = function(_, params)
    if #results.log < 60 then table.insert(results.log, params.message) end
  end

  vim.cmd('cd ' .. vim.fn.fnameescape(workspace)) -- the snippet's root_dir is the current directory
  local chunk, err = loadstring(snippet, '=README library snippet')
  if not check('the snippet loads', chunk ~= nil and pcall(chunk), err) then return end
  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/draft.rec.md'))
  local bufnr = vim.api.nvim_get_current_buf()

  local online = vim.wait(WAIT_MS, function()
    return status ~= nil and status.state == 'ready' and status.library ~= nil and status.library.state == 'online' and status.library.documents > 0
  end, 50)
  if not check('the server follows the library: online, its documents indexed', online, vim.inspect(status)) then return end

  local text = ''
  local found = vim.wait(WAIT_MS, function()
    local params = { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = 2, character = 5 } }
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 5000) or {}
    for _, response in pairs(responses) do
      local contents = response.result and response.result.contents
      text = contents and (contents.value or '') or ''
    end
    return text:find(expect, 1, true) ~= nil
  end, 200)
  results.hover = text:sub(1, 800)
  check('the hover over the draft\'s item shows the library\'s precedent', found, text:sub(1, 300))
end

harness.run(main)
