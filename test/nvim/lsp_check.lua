-- Drives the Precedent language server from Neovim's own LSP client (Neovim 0.7 and later), headless:
--
--   nvim --headless --clean -u NONE -c 'luafile test/nvim/lsp_check.lua'
--
-- It configures the server the way a Neovim user would (an autocmd for the filetype, vim.lsp.start_client on
-- FileType, settings in init_options or in `settings`), opens a copy of examples/draft-afml17.rec.md in a
-- temporary workspace, and checks what the user sees: diagnostics, hover, go to definition, completion.
--
-- Environment (all optional):
--   PRECEDENT_NVIM_RESULT  write the JSON result to this file (default: stdout)
--   PRECEDENT_REPO         the repository (default: two folders above this script)
--   PRECEDENT_SERVER       the server bundle (default: <repo>/dist/server.js)
--   PRECEDENT_NODE         the node executable (default: node)
--   PRECEDENT_NVIM_TIMEOUT overall time limit in ms (default: 90000)
--
-- Exit status: 0 when every check passed, 1 when one failed (or the script broke), 3 on the overall timeout.
-- It always exits: every wait has a timeout and an overall timer ends Neovim whatever happens.

local uv = vim.loop

local script = debug.getinfo(1, 'S').source:gsub('^@', '')
local repo = os.getenv('PRECEDENT_REPO') or vim.fn.fnamemodify(script, ':p:h:h:h')
local server = os.getenv('PRECEDENT_SERVER') or (repo .. '/dist/server.js')
local node = os.getenv('PRECEDENT_NODE') or 'node'
local WAIT_MS = 20000 -- for the index and the first diagnostics; requests get less

local results = {
  server = server,
  checks = {}, -- { scenario, name, ok, detail }
  scenarios = {}, -- per scenario: timings, requests the server sent, log lines
}
local workspace -- the temporary workspace, removed at the end
local scenario_name = '?'
local broken = false -- the server did not start or answer: later scenarios would only time out again

local Harness = dofile(vim.fn.fnamemodify(script, ':p:h') .. '/harness.lua')
local harness = Harness.new({
  tag = 'nvim-lsp',
  timeout_ms = 90000,
  results = results,
  scope = function() return scenario_name end,
  before_exit = function() if workspace then vim.fn.delete(workspace, 'rf') end end,
})
local say, check, read_file = harness.say, harness.check, Harness.read_file

local function write_file(path, text)
  local file = assert(io.open(path, 'wb'))
  file:write(text)
  file:close()
end

-- ---------------------------------------------------------------------------------------------------------
-- What a user puts in their config (README, "Other editors", Neovim 0.7): the filetype, and on FileType a
-- client started once and attached to each buffer. `current` is the configuration of the scenario under test.

vim.cmd('au BufRead,BufNewFile *.rec.md,*.rec.txt,*.rec set filetype=recommendation')

local current = nil -- { config = <start_client config>, client_id = n }
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'recommendation',
  callback = function(args)
    if not current then return end
    if not current.client_id then current.client_id = vim.lsp.start_client(current.config) end
    if current.client_id then vim.lsp.buf_attach_client(args.buf, current.client_id) end
  end,
})

-- ---------------------------------------------------------------------------------------------------------

local DRAFT = 'draft-afml17.rec.md'
local SEED = 'seeds/viet-nam-afml13-2020.txt'

local function line_of(lines, prefix)
  for index, line in ipairs(lines) do
    if line:sub(1, #prefix) == prefix then return index - 1 end
  end
  error('no line starts with ' .. prefix)
end

local draft_lines = vim.split(read_file(repo .. '/examples/' .. DRAFT):gsub('\r\n', '\n'), '\n', true)
local seed_lines = vim.split(read_file(repo .. '/' .. SEED):gsub('\r\n', '\n'), '\n', true)
-- The draft's deliberate slips (see the CLI's `check` of examples/draft-afml17.rec.md), as 0-based lines.
local EXPECT = {
  gap = line_of(draft_lines, '4. Collect sex- and age-disaggregated'), -- 2. then 4. in sub-theme 2
  duplicates = {
    line_of(draft_lines, '5. Enhance the role of labour management boards'), -- near-duplicate of 1.4
    line_of(draft_lines, '4. Provide information in Khmer'), -- the same text as 1.6
  },
  reused = line_of(draft_lines, '4. Enhance the role of labor management board'), -- Viet Nam 2020, item 14
  seed_line = line_of(seed_lines, '14. Enhance the role of labor management board'),
  last_item = line_of(draft_lines, '6. Foster tripartite-plus social dialogue'), -- last item of sub-theme 3
}

-- Neovim's own handlers, which the recording handlers below hand over to.
local default_handlers = {}
for _, method in ipairs({ 'textDocument/publishDiagnostics', 'workspace/configuration', 'client/registerCapability' }) do
  default_handlers[method] = vim.lsp.handlers[method]
end

local function clients_of(bufnr)
  local ids = {}
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr }) or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do table.insert(ids, client.id) end
  table.sort(ids)
  return ids
end

local function diagnostics_of(bufnr, client_id)
  return vim.diagnostic.get(bufnr, { namespace = vim.lsp.diagnostic.get_namespace(client_id) })
end

local function with_code(diagnostics, code)
  local out = {}
  for _, diagnostic in ipairs(diagnostics) do
    if diagnostic.code == code then table.insert(out, diagnostic) end
  end
  return out
end

local function lines_of(diagnostics)
  local out = {}
  for _, diagnostic in ipairs(diagnostics) do table.insert(out, diagnostic.lnum) end
  table.sort(out)
  return out
end

local function summary(diagnostics)
  local out = {}
  for _, diagnostic in ipairs(diagnostics) do
    table.insert(out, ('%d:%s:%s:%s'):format(diagnostic.lnum, tostring(diagnostic.code), tostring(diagnostic.severity), tostring(diagnostic.source)))
  end
  return out
end

-- Starts a scenario: a client configured with `options` (init_options, settings, capabilities, on_init), opens
-- the draft, waits for the index and for diagnostics computed after it. Returns the buffer and the client.
-- With `snippet` (Lua source), that code configures Neovim instead, as a user's init.lua would: the recording
-- handlers are then installed globally, and the client is whichever the snippet attached to the draft.
local function open_draft(name, options, snippet)
  scenario_name = name
  local record = { name = name, server_requests = {}, registrations = {}, log = {}, publishes = 0 }
  results.scenarios[name] = record
  local t0 = uv.hrtime()
  local state = { ready_seq = nil, publish_seq = 0, seq = 0, exited = nil }

  local handlers = {
    ['precedent/indexStatus'] = function(_, status)
      state.seq = state.seq + 1
      if status and status.state == 'ready' then
        state.ready_seq = state.seq
        record.index = { documents = status.documents, items = status.items }
      end
    end,
    ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
      state.seq = state.seq + 1
      state.publish_seq = state.seq
      record.publishes = record.publishes + 1
      return default_handlers['textDocument/publishDiagnostics'](err, params, ctx, config)
    end,
    ['workspace/configuration'] = function(err, params, ctx, config)
      table.insert(record.server_requests, 'workspace/configuration')
      return default_handlers['workspace/configuration'](err, params, ctx, config)
    end,
    ['client/registerCapability'] = function(err, params, ctx, config)
      for _, registration in ipairs((params or {}).registrations or {}) do table.insert(record.registrations, registration.method) end
      return default_handlers['client/registerCapability'](err, params, ctx, config)
    end,
    ['window/logMessage'] = function(_, params)
      if #record.log < 40 then table.insert(record.log, params.message) end
    end,
    ['window/showMessage'] = function(_, params)
      table.insert(record.log, 'showMessage: ' .. tostring(params.message))
      if params.type == 1 then record.error_message = params.message end
    end,
  }

  local config = vim.tbl_extend('force', {
    name = 'precedent',
    cmd = { node, server, '--stdio' },
    root_dir = workspace,
    handlers = handlers,
    on_exit = function(code, signal) state.exited = { code = code, signal = signal } end,
  }, options)
  if snippet then
    for method, handler in pairs(handlers) do vim.lsp.handlers[method] = handler end
    vim.cmd('cd ' .. vim.fn.fnameescape(workspace)) -- the snippet's root_dir is the current directory
    local chunk, err = loadstring(snippet, '=README snippet')
    if not check('the README snippet loads', chunk ~= nil and pcall(chunk), err or 'it raised an error') then broken = true; return nil, nil, record, state end
    current = nil
  else
    current = { config = config }
  end

  vim.cmd('edit ' .. vim.fn.fnameescape(workspace .. '/' .. DRAFT))
  local bufnr = vim.api.nvim_get_current_buf()
  check('the buffer has filetype recommendation', vim.bo[bufnr].filetype == 'recommendation', vim.bo[bufnr].filetype)
  local client_id = current and current.client_id
  if snippet then
    -- Neovim lists a buffer's clients once they are initialized.
    vim.wait(WAIT_MS, function() return clients_of(bufnr)[1] ~= nil end, 20)
    client_id = clients_of(bufnr)[1]
  end
  if not check('vim.lsp.start_client started the server', client_id ~= nil, table.concat(config.cmd, ' ')) then broken = true; return nil, nil, record, state end
  if snippet then
    -- No on_exit of ours: a client that leaves the list has exited.
    state.watch = uv.new_timer()
    state.watch:start(50, 50, vim.schedule_wrap(function()
      if state.exited == nil and vim.lsp.get_client_by_id(client_id) == nil then state.exited = { code = 0, signal = 0, inferred = true } end
    end))
  end
  local initialized = vim.wait(WAIT_MS, function()
    local client = vim.lsp.get_client_by_id(client_id)
    return (client and client.initialized) or state.exited ~= nil
  end, 20)
  if not check('the server initialized', initialized and state.exited == nil, state.exited and ('exited ' .. vim.inspect(state.exited)) or 'timeout') then broken = true; return nil, client_id, record, state end
  record.initialize_ms = math.floor((uv.hrtime() - t0) / 1e6)

  -- Diagnostics computed with the full index: a publish after the "ready" index status.
  local settled = vim.wait(WAIT_MS, function()
    return state.exited ~= nil or (state.ready_seq ~= nil and state.publish_seq > state.ready_seq)
  end, 20)
  if not check('diagnostics after indexing', settled and state.exited == nil, state.exited and ('server exited ' .. vim.inspect(state.exited)) or ('timeout; index ready: ' .. tostring(state.ready_seq ~= nil))) then broken = true; return nil, client_id, record, state end
  vim.wait(300, function() return false end) -- any later publish (settings arriving by notification) lands too
  record.diagnostics_ms = math.floor((uv.hrtime() - t0) / 1e6)
  return bufnr, client_id, record, state
end

local function close_draft(bufnr, client_id, state, record)
  if record and record.initialize_ms then
    -- Neovim 0.7 announces no dynamic registration at all, and logs a warning for each registerCapability.
    check('no client/registerCapability to a client without dynamic registration', #record.registrations == 0,
      'the server asked to register ' .. table.concat(record.registrations, ', ') ..
      ' although the client announced no dynamicRegistration (Neovim 0.7 logs "triggers a registerCapability handler despite dynamicRegistration set to false")')
  end
  if bufnr and vim.api.nvim_buf_is_valid(bufnr) then vim.cmd('bwipeout! ' .. bufnr) end
  if client_id then
    vim.lsp.stop_client(client_id)
    local stopped = vim.wait(5000, function() return state.exited ~= nil end, 20)
    check('the server exits on shutdown', stopped and state.exited.code == 0, state.exited and vim.inspect(state.exited) or 'still running after 5 s')
    if not stopped then
      vim.lsp.stop_client(client_id, true) -- force: the process is killed
      vim.wait(2000, function() return state.exited ~= nil end, 20)
    end
    if state.watch then state.watch:stop(); state.watch:close(); state.watch = nil end
  end
  current = nil
end

local function check_slips(diagnostics)
  local gap = with_code(diagnostics, 'numbering-gap')
  check('numbering-gap on the skipped number', #gap == 1 and gap[1].lnum == EXPECT.gap and gap[1].source == 'precedent',
    ('expected line %d, source precedent; got %s'):format(EXPECT.gap, vim.inspect(summary(gap))))
  local duplicates = with_code(diagnostics, 'duplicate-item')
  local want = vim.deepcopy(EXPECT.duplicates)
  table.sort(want)
  local all_from_precedent = true
  for _, diagnostic in ipairs(duplicates) do all_from_precedent = all_from_precedent and diagnostic.source == 'precedent' and diagnostic.severity == vim.diagnostic.severity.WARN end
  check('duplicate-item warnings on both repeated items', vim.deep_equal(lines_of(duplicates), want) and all_from_precedent,
    ('expected lines %s (warning, source precedent); got %s'):format(table.concat(want, ','), vim.inspect(summary(duplicates))))
  return gap[1]
end

local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, 5000)
  if not responses then return nil, 'no answer: ' .. tostring(err) end
  for _, response in pairs(responses) do
    if response.err then return nil, vim.inspect(response.err) end
    return response.result
  end
  return nil, 'no client answered'
end

local function position_params(bufnr, line, character)
  return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = character } }
end

local function completion_items(result)
  if type(result) ~= 'table' then return {} end
  return result.items or result
end

-- ---------------------------------------------------------------------------------------------------------

local function scenario_defaults()
  local bufnr, client_id, record, state = open_draft('defaults', {})
  if not bufnr then return close_draft(vim.api.nvim_get_current_buf(), client_id, state, record) end
  local diagnostics = diagnostics_of(bufnr, client_id)
  record.diagnostics = summary(diagnostics)
  check_slips(diagnostics)
  local reuse = with_code(diagnostics, 'precedent-reuse')
  check('precedent-reuse information on the reused item (on by default)', vim.tbl_contains(lines_of(reuse), EXPECT.reused),
    ('expected line %d among %s'):format(EXPECT.reused, vim.inspect(lines_of(reuse))))

  -- Hover on the item reused from Viet Nam's 2020 recommendations names its source.
  local hover, hover_err = request(bufnr, 'textDocument/hover', position_params(bufnr, EXPECT.reused, 5))
  local hover_text = hover and hover.contents and (hover.contents.value or vim.inspect(hover.contents)) or ''
  record.hover = hover_text:sub(1, 600)
  check('hover names the seed precedent (Viet Nam)', hover_text:find('Viet Nam', 1, true) ~= nil and hover_text:find('13th AFML', 1, true) ~= nil,
    hover_err or hover_text:sub(1, 300))
  -- Neovim renders it: the markdown becomes the lines of a floating window.
  if hover and hover.contents then
    local lines = vim.lsp.util.convert_input_to_markdown_lines(hover.contents)
    check('hover converts to markdown lines for the float', #lines > 0, vim.inspect(lines))
  end

  -- Go to definition: the answer, then Neovim's own handler jumping there.
  local definition, definition_err = request(bufnr, 'textDocument/definition', position_params(bufnr, EXPECT.reused, 5))
  local location = definition and (definition[1] or definition) or nil
  record.definition = location
  local uri = location and (location.uri or location.targetUri) or ''
  local range = location and (location.range or location.targetSelectionRange) or nil
  check('definition is the seed item', uri:sub(-#SEED) == SEED and range ~= nil and range.start.line == EXPECT.seed_line,
    definition_err or ('expected %s line %d; got %s'):format(SEED, EXPECT.seed_line, vim.inspect(location)))
  vim.api.nvim_win_set_cursor(0, { EXPECT.reused + 1, 5 })
  vim.lsp.buf.definition()
  local jumped = vim.wait(5000, function() return vim.api.nvim_buf_get_name(0):sub(-#SEED) == SEED end, 20)
  local cursor = vim.api.nvim_win_get_cursor(0)
  record.definition_jump = { file = vim.api.nvim_buf_get_name(0), line = cursor[1] }
  check('vim.lsp.buf.definition() lands in the seed at the item', jumped and cursor[1] == EXPECT.seed_line + 1,
    ('expected %s:%d; at %s:%d'):format(SEED, EXPECT.seed_line + 1, vim.api.nvim_buf_get_name(0), cursor[1]))
  vim.cmd('buffer ' .. bufnr)

  -- Completion on a new line after the last item of sub-theme 3: the next label.
  local new_line = EXPECT.last_item + 1
  vim.api.nvim_buf_set_lines(bufnr, new_line, new_line, true, { '' })
  local completion, completion_err = request(bufnr, 'textDocument/completion', position_params(bufnr, new_line, 0))
  local label
  for _, item in ipairs(completion_items(completion)) do
    local text = item.textEdit and item.textEdit.newText or item.insertText or item.label
    if text:match('^7[.]') then label = item; break end
  end
  record.completion_label = label and { label = label.label, newText = label.textEdit and label.textEdit.newText } or nil
  check('completion at the start of a new line offers the next label (7.)', label ~= nil,
    completion_err or vim.inspect(vim.tbl_map(function(item) return item.label end, completion_items(completion))))

  -- Completion while typing half a precedent: its wording, with its source.
  local typed = '7. Enhance the role of Trade Union and'
  vim.api.nvim_buf_set_lines(bufnr, new_line, new_line + 1, true, { typed })
  completion, completion_err = request(bufnr, 'textDocument/completion', position_params(bufnr, new_line, #typed))
  local wording
  for _, item in ipairs(completion_items(completion)) do
    local text = item.textEdit and item.textEdit.newText or item.insertText or item.label
    if text:find('Trade Union cooperation among nations', 1, true) then wording = item; break end
  end
  record.completion_precedent = wording and { label = wording.label, detail = wording.detail, newText = wording.textEdit and wording.textEdit.newText } or nil
  if check('completion while typing offers the precedent wording', wording ~= nil,
    completion_err or vim.inspect(vim.tbl_map(function(item) return item.label end, completion_items(completion)))) then
    check('the precedent completion names its source', (wording.detail or ''):find('Viet Nam', 1, true) ~= nil, wording.detail)
    -- Accepting it: Neovim applies its text edit.
    if wording.textEdit then
      vim.lsp.util.apply_text_edits({ wording.textEdit }, bufnr, 'utf-16')
      local line = vim.api.nvim_buf_get_lines(bufnr, new_line, new_line + 1, true)[1]
      record.completion_applied = line
      check('the accepted completion completes the item', line == '7. Enhance the role of Trade Union and Trade Union cooperation among nations.', line)
    end
  end
  -- The edits reach the server: the new item is checked (it paraphrases the Viet Nam seed).
  local rechecked = vim.wait(5000, function()
    return vim.tbl_contains(lines_of(with_code(diagnostics_of(bufnr, client_id), 'precedent-reuse')), new_line)
  end, 20)
  check('diagnostics follow the edits', rechecked, vim.inspect(summary(diagnostics_of(bufnr, client_id))))
  close_draft(bufnr, client_id, state, record)
end

-- The settings a user asks for, in each way Neovim can pass them.
local USER_SETTINGS = {
  diagnostics = { precedentReuse = false, severity = { ['numbering-gap'] = 'error' } },
}

local function check_user_settings(bufnr, client_id, record)
  local diagnostics = diagnostics_of(bufnr, client_id)
  record.diagnostics = summary(diagnostics)
  local gap = check_slips(diagnostics)
  check('diagnostics.precedentReuse = false removes precedent-reuse', #with_code(diagnostics, 'precedent-reuse') == 0,
    vim.inspect(lines_of(with_code(diagnostics, 'precedent-reuse'))))
  check('diagnostics.severity["numbering-gap"] = "error" makes it an error', gap ~= nil and gap.severity == vim.diagnostic.severity.ERROR,
    gap and ('severity ' .. tostring(gap.severity)) or 'no numbering-gap')
end

local function scenario_settings(name, options, expect_configuration_request)
  if broken then return end
  local bufnr, client_id, record, state = open_draft(name, options)
  if bufnr then
    check_user_settings(bufnr, client_id, record)
    if expect_configuration_request then
      check('the server read them with workspace/configuration', vim.tbl_contains(record.server_requests, 'workspace/configuration'), vim.inspect(record.server_requests))
    end
  end
  close_draft(bufnr or vim.api.nvim_get_current_buf(), client_id, state, record)
end

-- The README's "Neovim 0.7 to 0.10" snippet, run as written (the checkout's path and node filled in). It sets
-- precedentReuse = false and corpus.paths = { 'past-recommendations' }, relative to the workspace.
local README_MARKER = '**Neovim 0.7 to 0.10**'
local PAST = 'past-recommendations/cambodia-afml15-2022.txt'
local PAST_TEXT = table.concat({
  'Cambodia National Recommendations for the 15th ASEAN Forum on Migrant Labour',
  '',
  'Recommendations',
  '',
  '1. Offer returnees advice on investing their savings and on starting small businesses in their home provinces.',
  '2. Set up one-stop service centres for migrant workers in every province.',
  '',
  'The meeting was held on 20 October 2022 at Phnom Penh, Cambodia.',
  '',
}, '\n')

local function readme_snippet()
  local readme = read_file(repo .. '/README.md')
  local at = readme:find(README_MARKER, 1, true)
  if not at then return nil end
  local first = readme:find('```lua\n', at, true)
  local last = first and readme:find('\n```', first + 7, true)
  if not last then return nil end
  local snippet = readme:sub(first + 7, last)
  local function literal(text) return (text:gsub('%%', '%%%%')) end
  snippet = snippet:gsub('/path/to/precedent/dist/server%.js', literal(server))
  snippet = snippet:gsub("{ 'node',", literal("{ '" .. node .. "',"))
  return snippet
end

local function scenario_readme()
  if broken then return end
  local snippet = readme_snippet()
  scenario_name = 'README'
  if not check('the README has the Neovim 0.7 snippet', snippet ~= nil and snippet:find('start_client', 1, true) ~= nil, README_MARKER) then return end
  results.scenarios.README_snippet = snippet
  local bufnr, client_id, record, state = open_draft('README', {}, snippet)
  if bufnr then
    local diagnostics = diagnostics_of(bufnr, client_id)
    record.diagnostics = summary(diagnostics)
    check_slips(diagnostics)
    check('its precedentReuse = false removes precedent-reuse', #with_code(diagnostics, 'precedent-reuse') == 0,
      vim.inspect(lines_of(with_code(diagnostics, 'precedent-reuse'))))
    -- Its corpus.paths: the workspace's past-recommendations folder is a precedent of the draft's item.
    local line = line_of(draft_lines, '3. Offer returnees advice')
    local hover, hover_err = request(bufnr, 'textDocument/hover', position_params(bufnr, line, 5))
    local text = hover and hover.contents and (hover.contents.value or '') or ''
    record.hover = text:sub(1, 600)
    check('its corpus.paths (relative to the workspace) are indexed: hover names ' .. PAST, text:find('cambodia-afml15-2022.txt', 1, true) ~= nil,
      hover_err or text:sub(1, 300))
  end
  close_draft(bufnr or vim.api.nvim_get_current_buf(), client_id, state, record)
end

local function main()
  say(('Neovim %s, server %s'):format(results.nvim, server))
  if vim.fn.filereadable(server) ~= 1 then
    check('the server bundle exists (node esbuild.mjs)', false, server)
    return
  end
  workspace = vim.fn.tempname() .. '-precedent-nvim'
  vim.fn.mkdir(workspace, 'p')
  write_file(workspace .. '/' .. DRAFT, read_file(repo .. '/examples/' .. DRAFT))
  vim.fn.mkdir(workspace .. '/past-recommendations', 'p')
  write_file(workspace .. '/' .. PAST, PAST_TEXT)

  -- No settings: the defaults, and every feature.
  scenario_defaults()
  if broken then return say('the server did not start or answer; the settings scenarios are skipped') end

  -- 1. init_options = { settings = { precedent = {...} } }: read from initializationOptions.settings.
  scenario_settings('init_options', { init_options = { settings = { precedent = USER_SETTINGS } } }, false)

  -- 2. settings = { precedent = {...} } answered to workspace/configuration: what nvim-lspconfig and
  --    Neovim >= 0.8 do (they announce workspace.configuration; Neovim 0.7 alone does not).
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  capabilities.workspace.configuration = true
  scenario_settings('settings+workspace/configuration', { settings = { precedent = USER_SETTINGS }, capabilities = capabilities }, true)

  -- 3. settings = { precedent = {...} } pushed from on_init with workspace/didChangeConfiguration: what
  --    Neovim 0.7's documentation of start_client() suggests, with its default capabilities.
  scenario_settings('settings+didChangeConfiguration', {
    settings = { precedent = USER_SETTINGS },
    on_init = function(client)
      client.notify('workspace/didChangeConfiguration', { settings = client.config.settings })
    end,
  }, false)

  -- Last: the snippet's autocmd stays, as it would in a user's config.
  scenario_readme()
end

harness.run(main)
