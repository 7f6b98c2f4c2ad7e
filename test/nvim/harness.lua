-- What the headless Neovim scripts (lsp_check.lua, library_check.lua) share: their results and checks, the
-- JSON result file, the overall timer that ends Neovim whatever happens, and the end of a run. Loaded with
-- dofile from the script's own folder:
--
--   local harness = dofile(vim.fn.fnamemodify(script, ':p:h') .. '/harness.lua').new({ tag = 'nvim-lsp', ... })
--
-- What must stay true: Neovim always exits (0 when every check passed, 1 when one failed or the script broke,
-- 3 on the overall timeout), and the result file is written in every case.

local M = {}

function M.read_file(path)
  local file = assert(io.open(path, 'rb'))
  local text = file:read('*a')
  file:close()
  return text
end

--- options: tag (the log's prefix), timeout_ms (the overall limit unless PRECEDENT_NVIM_TIMEOUT says), results
--- (the table written as JSON to PRECEDENT_NVIM_RESULT, else stdout; its `checks` and `nvim` are filled in here),
--- scope (optional: the name of the part under way, kept with each check), and before_exit (optional: run once
--- before the results are written).
function M.new(options)
  local uv = vim.loop
  local started = uv.hrtime()
  local result_file = os.getenv('PRECEDENT_NVIM_RESULT')
  local overall_ms = tonumber(os.getenv('PRECEDENT_NVIM_TIMEOUT') or '') or options.timeout_ms
  local results = options.results
  local version = vim.version()
  results.nvim = ('%d.%d.%d'):format(version.major, version.minor, version.patch)
  results.ok = false
  results.checks = results.checks or {}
  local harness = { results = results }

  function harness.elapsed_ms() return math.floor((uv.hrtime() - started) / 1e6) end

  local function encode(value)
    local ok, text = pcall(vim.json and vim.json.encode or vim.fn.json_encode, value)
    return ok and text or ('{"ok":false,"error":' .. string.format('%q', tostring(text)) .. '}')
  end

  -- Plain Lua only: the overall timer calls it from a fast (libuv) context.
  local function write(text)
    local file = result_file and result_file ~= '' and io.open(result_file, 'w')
    if file then
      file:write(text, '\n')
      file:close()
    else
      io.stdout:write(text, '\n')
    end
  end

  function harness.write_results()
    results.elapsed_ms = harness.elapsed_ms()
    write(encode(results))
  end

  function harness.say(message) io.stderr:write('[' .. options.tag .. '] ' .. message .. '\n') end

  function harness.check(name, ok, detail)
    local scope = options.scope and options.scope()
    -- The detail explains a failure; a passing check keeps only its name.
    table.insert(results.checks, { scenario = scope, name = name, ok = ok and true or false, detail = (not ok) and detail and tostring(detail) or nil })
    harness.say(('%s %s%s%s'):format(ok and 'ok  ' or 'FAIL', scope and ('[' .. scope .. '] ') or '', name, (not ok and detail) and (': ' .. tostring(detail)) or ''))
    return ok
  end

  local finished = false
  local overall = uv.new_timer()

  function harness.finish(code)
    if finished then return end
    finished = true
    overall:stop()
    if options.before_exit then pcall(options.before_exit) end
    harness.write_results()
    for _, client in pairs(vim.lsp.get_active_clients()) do pcall(client.stop, true) end
    if code == 0 then vim.cmd('qall!') else vim.cmd('cquit ' .. code) end
  end

  -- Ends Neovim even if something blocks. A fast (libuv) context cannot call most of the API: plain Lua only.
  overall:start(overall_ms, 0, function()
    if finished then return end
    finished = true
    results.ok = false
    results.error = ('overall timeout after %d ms'):format(overall_ms)
    results.elapsed_ms = harness.elapsed_ms()
    write(encode(results))
    io.stderr:write('[' .. options.tag .. '] FAIL: ' .. results.error .. '\n')
    os.exit(3)
  end)

  --- Runs `main` on Neovim's loop, then ends: ok when it did not break and every check (at least one) passed.
  function harness.run(main)
    vim.schedule(function()
      local ok, err = xpcall(main, debug.traceback)
      if not ok then
        results.error = tostring(err)
        harness.say('FAIL: the script broke: ' .. tostring(err))
      end
      local failed = 0
      for _, item in ipairs(results.checks) do
        if not item.ok then failed = failed + 1 end
      end
      results.ok = ok and failed == 0 and #results.checks > 0
      results.failed = failed
      harness.say(('%d checks, %d failed, %d ms'):format(#results.checks, failed, harness.elapsed_ms()))
      harness.finish(results.ok and 0 or 1)
    end)
  end

  return harness
end

return M
