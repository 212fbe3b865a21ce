-- An editing session in Neovim 0.7, run with `-c` after the init that
-- starts asynclint-clangd for C++ buffers. It opens
-- src/server.cpp and src/asio_operators.cpp of the project in the working
-- directory, waits for their async-* diagnostics, edits, applies a quick fix,
-- and writes what it saw as JSON to $ASYNCLINT_NVIM_RESULT. It always ends
-- Neovim, with the reason in the JSON when a step failed.
local result = {}
local deadline = vim.loop.now() + tonumber(vim.env.ASYNCLINT_NVIM_SECONDS) * 1000

-- The async-* diagnostics of a buffer, in 1-based lines.
local function async_diagnostics(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if type(d.code) == 'string' and d.code:match('^async%-') then
      table.insert(found, { line = d.lnum + 1, code = d.code, source = d.source, message = d.message })
    end
  end
  table.sort(found, function(a, b)
    return a.line < b.line or (a.line == b.line and a.code < b.code)
  end)
  return found
end

local function lines_of(found, code)
  local lines = {}
  for _, d in ipairs(found) do
    if d.code == code then
      table.insert(lines, d.line)
    end
  end
  return lines
end

-- Waits until done() holds; fails the session with what the buffer holds.
local function wait_for(what, buf, done)
  local left = deadline - vim.loop.now()
  if left <= 0 or not vim.wait(left, done, 50) then
    local seen = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(seen, string.format('%d: [%s] %s', d.lnum + 1, tostring(d.code), d.message))
    end
    error(string.format('timed out waiting for %s; the buffer has %d diagnostic(s)%s', what, #seen,
      #seen > 0 and (': ' .. table.concat(seen, '; ')) or ''), 0)
  end
end

local function open(relative)
  vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.getcwd() .. '/' .. relative))
  local buf = vim.api.nvim_get_current_buf()
  -- A client counts as attached once the server answered `initialize`.
  wait_for('a language server attached to ' .. relative, buf, function()
    return #vim.tbl_keys(vim.lsp.buf_get_clients(buf)) > 0
  end)
  return buf
end

local function session()
  vim.o.hidden = true

  -- 1. The diagnostics of the file as it is on disk.
  local server = open('src/server.cpp')
  wait_for('async-blocking-call in src/server.cpp', server, function()
    return #lines_of(async_diagnostics(server), 'async-blocking-call') > 0
  end)
  result.opened = async_diagnostics(server)

  -- 2. A blocking call typed into reload(), after its co_await (line 14).
  vim.api.nvim_buf_set_lines(server, 13, 13, false,
    { '  std::this_thread::sleep_for(std::chrono::seconds(1));' })
  wait_for('async-blocking-call on the inserted line 14', server, function()
    return vim.tbl_contains(lines_of(async_diagnostics(server), 'async-blocking-call'), 14)
  end)
  result.edited = async_diagnostics(server)

  -- 3. The quick fix of async-sequential-await, asked for as
  -- vim.lsp.buf.code_action() asks: at the cursor, with the line's
  -- diagnostics in the context.
  local dashboard = open('src/asio_operators.cpp')
  wait_for('async-sequential-await on line 20 of src/asio_operators.cpp', dashboard, function()
    return vim.tbl_contains(lines_of(async_diagnostics(dashboard), 'async-sequential-await'), 20)
  end)
  result.before_fix = async_diagnostics(dashboard)
  local context = {}
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(dashboard, 19)) do
    if d.code == 'async-sequential-await' then
      table.insert(context, d)
    end
  end
  vim.api.nvim_win_set_cursor(0, { 20, 2 })
  local params = vim.lsp.util.make_range_params()
  params.context = { diagnostics = context }
  local left = deadline - vim.loop.now()
  local responses, err = vim.lsp.buf_request_sync(dashboard, 'textDocument/codeAction', params, left)
  if not responses then
    error('textDocument/codeAction: ' .. tostring(err), 0)
  end
  result.actions = {}
  local chosen, chosen_client
  for client_id, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      local codes = {}
      for _, d in ipairs(action.diagnostics or {}) do
        table.insert(codes, d.code)
      end
      table.insert(result.actions, { title = action.title, kind = action.kind, diagnostics = codes })
      if not chosen and action.kind == 'quickfix' then
        chosen, chosen_client = action, vim.lsp.get_client_by_id(client_id)
      end
    end
  end
  if not chosen then
    error('no quick fix among the code actions: ' .. vim.fn.json_encode(result.actions), 0)
  end
  -- Neovim 0.7 announces codeActionLiteralSupport: clangd answers with the
  -- edit itself rather than a command to execute.
  if not chosen.edit then
    error('the quick fix carries no edit: ' .. vim.fn.json_encode(chosen), 0)
  end
  vim.lsp.util.apply_workspace_edit(chosen.edit, chosen_client.offset_encoding)
  result.fixed_lines = vim.api.nvim_buf_get_lines(dashboard, 0, -1, false)

  -- 4. The server sees the fixed text: the finding is gone, the other two
  -- moved up with the two lines the fix removed.
  wait_for('async-sequential-await to leave line 20', dashboard, function()
    local lines = lines_of(async_diagnostics(dashboard), 'async-sequential-await')
    return #lines > 0 and not vim.tbl_contains(lines, 20) and not vim.tbl_contains(lines, 30)
  end)
  result.after_fix = async_diagnostics(dashboard)
end

local ok, err = xpcall(session, debug.traceback)
if not ok then
  result.error = tostring(err)
end
vim.fn.writefile({ vim.fn.json_encode(result) }, vim.env.ASYNCLINT_NVIM_RESULT)
vim.cmd('qall!')
