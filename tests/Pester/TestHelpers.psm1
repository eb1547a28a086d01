# Helpers for the ComputeModule acceptance suite.
#
# They run in three hosts: real Pester 5 in pwsh 7, real Pester 5 in Windows PowerShell 5.1, and the
# hosted runner of tests/ComputeModule.Tests (PowerShell 7.6 engine with the core cmdlets only: no
# Microsoft.PowerShell.Utility/Management). So: PowerShell 5.1 syntax, only core cmdlets, and .NET for
# HTTP, JSON (when ConvertFrom-Json is missing), sleeping and processes.

Set-StrictMode -Version 2.0

$script:HttpClient = $null
$script:StartedEmulator = $null

function Get-TestRepoRoot {
    <# The repository root: two levels above this file (tests/Pester). #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..'))
}

function Get-TestBackend {
    <# 'emulator' (default) or 'openstack', from COMPUTE_TEST_BACKEND. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $value = $env:COMPUTE_TEST_BACKEND
    if ([string]::IsNullOrWhiteSpace($value)) { return 'emulator' }
    $value = $value.Trim().ToLowerInvariant()
    if ($value -ne 'emulator' -and $value -ne 'openstack') {
        throw "COMPUTE_TEST_BACKEND must be 'emulator' or 'openstack', not '$value'"
    }
    $value
}

function Test-EmulatorBackend {
    [CmdletBinding()]
    [OutputType([bool])]
    param()
    (Get-TestBackend) -eq 'emulator'
}

function Get-TestHttpClient {
    if ($null -eq $script:HttpClient) {
        if (-not ('System.Net.Http.HttpClient' -as [type])) {
            # Windows PowerShell 5.1 does not load System.Net.Http by itself (and Add-Type may be absent).
            $null = [System.Reflection.Assembly]::LoadWithPartialName('System.Net.Http')
        }
        $client = [System.Net.Http.HttpClient]::new()
        $client.Timeout = [TimeSpan]::FromSeconds(60)
        $script:HttpClient = $client
    }
    $script:HttpClient
}

# ---- JSON: ConvertTo-Json/ConvertFrom-Json when present, else a small emitter and System.Text.Json ----

function ConvertTo-TestJson {
    <# JSON text for simple values: $null, bool, numbers, strings, dictionaries, arrays. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Position = 0)] [AllowNull()] $InputObject)
    if ($null -eq $InputObject) { return 'null' }
    if ($InputObject -is [bool]) { if ($InputObject) { return 'true' } else { return 'false' } }
    if ($InputObject -is [string] -or $InputObject -is [char] -or $InputObject -is [enum]) {
        $s = [string] $InputObject
        $sb = [System.Text.StringBuilder]::new('"')
        foreach ($c in $s.ToCharArray()) {
            $code = [int] $c
            if ($c -eq '"') { $null = $sb.Append('\"') }
            elseif ($c -eq '\') { $null = $sb.Append('\\') }
            elseif ($code -lt 32) { $null = $sb.Append('\u').Append($code.ToString('x4')) }
            else { $null = $sb.Append($c) }
        }
        $null = $sb.Append('"')
        return $sb.ToString()
    }
    if ($InputObject -is [int] -or $InputObject -is [long] -or $InputObject -is [double] -or $InputObject -is [decimal] -or
        $InputObject -is [single] -or $InputObject -is [short] -or $InputObject -is [byte]) {
        return ([System.IFormattable] $InputObject).ToString($null, [System.Globalization.CultureInfo]::InvariantCulture)
    }
    if ($InputObject -is [System.Collections.IDictionary]) {
        $parts = @()
        foreach ($key in $InputObject.Keys) {
            $parts += (ConvertTo-TestJson ([string] $key)) + ':' + (ConvertTo-TestJson $InputObject[$key])
        }
        return '{' + ($parts -join ',') + '}'
    }
    if ($InputObject -is [System.Collections.IEnumerable]) {
        $parts = @()
        foreach ($item in $InputObject) { $parts += (ConvertTo-TestJson $item) }
        return '[' + ($parts -join ',') + ']'
    }
    ConvertTo-TestJson ([string] $InputObject)
}

function ConvertFrom-TestJsonElement {
    param($Element)
    switch ($Element.ValueKind.ToString()) {
        'Object' {
            $o = [pscustomobject] @{}
            foreach ($p in $Element.EnumerateObject()) {
                $o.PSObject.Properties.Add([System.Management.Automation.PSNoteProperty]::new($p.Name, (ConvertFrom-TestJsonElement $p.Value)))
            }
            return $o
        }
        'Array' {
            $list = [System.Collections.Generic.List[object]]::new()
            foreach ($item in $Element.EnumerateArray()) { $list.Add((ConvertFrom-TestJsonElement $item)) }
            return , $list.ToArray()
        }
        'String' { return $Element.GetString() }
        'Number' {
            $l = 0L
            if ($Element.TryGetInt64([ref] $l)) { return $l }
            return $Element.GetDouble()
        }
        'True' { return $true }
        'False' { return $false }
        default { return $null }
    }
}

function ConvertFrom-TestJson {
    <# Objects from JSON text: ConvertFrom-Json when the host has it, else System.Text.Json. #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true, Position = 0)] [AllowEmptyString()] [string] $Json)
    if ([string]::IsNullOrWhiteSpace($Json)) { return $null }
    if (Get-Command -Name ConvertFrom-Json -CommandType Cmdlet -ErrorAction SilentlyContinue) {
        return (ConvertFrom-Json -InputObject $Json)
    }
    $doc = [System.Text.Json.JsonDocument]::Parse($Json)
    try {
        ConvertFrom-TestJsonElement $doc.RootElement
    }
    finally {
        $doc.Dispose()
    }
}

# ---- the emulator -------------------------------------------------------------------------------

function Get-EmulatorUrl {
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $url = $env:COMPUTE_EMULATOR_URL
    if ([string]::IsNullOrWhiteSpace($url)) { throw 'COMPUTE_EMULATOR_URL is not set: the emulator is not running (Import-ComputeModuleUnderTest starts one)' }
    if (-not $url.EndsWith('/')) { $url += '/' }
    $url
}

function Invoke-TestHttp {
    <# One HTTP request with HttpClient; returns status, headers and body text. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [string] $Method,
        [Parameter(Mandatory = $true)] [string] $Uri,
        [string] $JsonBody,
        [hashtable] $Headers
    )
    $client = Get-TestHttpClient
    $request = [System.Net.Http.HttpRequestMessage]::new([System.Net.Http.HttpMethod]::new($Method.ToUpperInvariant()), $Uri)
    try {
        if ($PSBoundParameters.ContainsKey('JsonBody')) {
            $request.Content = [System.Net.Http.StringContent]::new($JsonBody, [System.Text.Encoding]::UTF8, 'application/json')
        }
        if ($null -ne $Headers) {
            foreach ($key in $Headers.Keys) { $null = $request.Headers.TryAddWithoutValidation([string] $key, [string] $Headers[$key]) }
        }
        $response = $client.SendAsync($request).GetAwaiter().GetResult()
        try {
            $text = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
            $headerTable = @{}
            foreach ($h in $response.Headers) { $headerTable[$h.Key] = ($h.Value -join ',') }
            [pscustomobject] @{
                StatusCode = [int] $response.StatusCode
                Headers    = $headerTable
                Body       = $text
            }
        }
        finally {
            $response.Dispose()
        }
    }
    finally {
        $request.Dispose()
    }
}

function Invoke-EmulatorControl {
    <# Calls the emulator's control API (/_emulator/...); returns the parsed JSON answer, nothing for 204. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string] $Method,
        [Parameter(Mandatory = $true)] [string] $Path,
        [System.Collections.IDictionary] $Body
    )
    $uri = (Get-EmulatorUrl) + $Path.TrimStart('/')
    $arguments = @{ Method = $Method; Uri = $uri }
    if ($PSBoundParameters.ContainsKey('Body')) { $arguments.JsonBody = ConvertTo-TestJson $Body }
    elseif ($Method -eq 'POST' -or $Method -eq 'PUT') { $arguments.JsonBody = '{}' }
    $response = Invoke-TestHttp @arguments
    if ($response.StatusCode -lt 200 -or $response.StatusCode -ge 300) {
        throw "emulator control $Method $Path answered $($response.StatusCode): $($response.Body)"
    }
    if ($response.StatusCode -ne 204) { ConvertFrom-TestJson $response.Body }
}

function Reset-Emulator {
    <# All data, tokens, faults, schedules and the request log back to the start state. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    if ($PSCmdlet.ShouldProcess('emulator', 'reset')) { Invoke-EmulatorControl -Method POST -Path '_emulator/reset' }
}

function Initialize-EmulatorSeed {
    <# Adds deterministic servers and snapshot images; returns the counts. #>
    [CmdletBinding()]
    param([int] $Servers = 0, [int] $Images = 0, [int] $Seed = 1, [string] $Region)
    $body = [ordered] @{ servers = $Servers; images = $Images; seed = $Seed }
    if ($Region) { $body.region = $Region }
    Invoke-EmulatorControl -Method POST -Path '_emulator/seed' -Body $body
}

function Get-EmulatorRequestLog {
    <# The recorded compute and identity requests, oldest first (method, path, query, status, time, durationMs). #>
    [CmdletBinding()]
    param()
    $answer = Invoke-EmulatorControl -Method GET -Path '_emulator/requests'
    foreach ($r in @($answer.requests)) { if ($null -ne $r) { $r } }
}

function Clear-EmulatorRequestLog {
    [CmdletBinding()]
    param()
    Invoke-EmulatorControl -Method DELETE -Path '_emulator/requests'
}

function Set-EmulatorFault {
    <# Injects faults, e.g. @{ errorRate = 1.0; statusCodes = @(503); count = 1; pathPattern = 'servers' }. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, Position = 0)] [System.Collections.IDictionary] $Fault)
    if ($PSCmdlet.ShouldProcess('emulator', 'inject faults')) { Invoke-EmulatorControl -Method PUT -Path '_emulator/faults' -Body $Fault }
}

function Clear-EmulatorFault {
    [CmdletBinding()]
    param()
    Invoke-EmulatorControl -Method DELETE -Path '_emulator/faults'
}

function Invoke-EmulatorScheduleRun {
    <# Runs the image schedules now; returns { created = ids; deleted = ids }. #>
    [CmdletBinding()]
    param()
    Invoke-EmulatorControl -Method POST -Path '_emulator/schedules/run'
}

function Revoke-EmulatorToken {
    <# Expires every token the emulator has issued (POST /_emulator/tokens/expire), for renewal tests. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    if ($PSCmdlet.ShouldProcess('every issued token', 'expire')) { Invoke-EmulatorControl -Method POST -Path '_emulator/tokens/expire' }
}

function Get-TestFreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { ([System.Net.IPEndPoint] $listener.LocalEndpoint).Port } finally { $listener.Stop() }
}

function Start-TestEmulator {
    <#
    Starts the emulator with `dotnet run` on a free loopback port (for real Pester on a developer's
    machine, where no runner provides one), waits until it answers and sets COMPUTE_EMULATOR_URL and
    the OS_* variables. Stop it with Stop-TestEmulator.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([int] $TimeoutSeconds = 180)
    if (-not $PSCmdlet.ShouldProcess('ComputeEmulator', 'start')) { return }
    $port = Get-TestFreePort
    $url = "http://127.0.0.1:$port/"
    $project = [System.IO.Path]::Combine((Get-TestRepoRoot), 'tools', 'ComputeEmulator')
    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $info.Arguments = "run --project `"$project`" -- --urls http://127.0.0.1:$port --build-delay 300ms --snapshot-duration 3s"
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    # Drain the output so the child never blocks on a full pipe.
    $null = $process.StandardOutput.ReadToEndAsync()
    $null = $process.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $ready = $false
    while ([DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
        try {
            $probe = Invoke-TestHttp -Method GET -Uri $url
            if ($probe.StatusCode -lt 500) { $ready = $true; break }
        }
        catch {
            # not listening yet
        }
        [System.Threading.Thread]::Sleep(500)
    }
    if (-not $ready) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "the emulator did not answer at $url within $TimeoutSeconds s"
    }
    $script:StartedEmulator = $process
    $env:COMPUTE_EMULATOR_URL = $url
    $env:COMPUTE_EMULATOR_PID = [string] $process.Id
    Set-TestEmulatorEnvironment -Url $url
    $url
}

function Set-TestEmulatorEnvironment {
    <# The OS_* variables of DESIGN.md for an emulator at this URL. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true)] [string] $Url)
    if (-not $PSCmdlet.ShouldProcess('OS_* environment variables', 'set')) { return }
    $env:COMPUTE_TEST_BACKEND = 'emulator'
    $env:OS_AUTH_URL = $Url.TrimEnd('/') + '/v3'
    $env:OS_USERNAME = 'demo'
    $env:OS_PASSWORD = 'demo-password'
    $env:OS_PROJECT_NAME = 'demo'
    $env:OS_USER_DOMAIN_NAME = 'Default'
    $env:OS_PROJECT_DOMAIN_NAME = 'Default'
    $env:OS_REGION_NAME = 'RegionOne'
}

function Stop-TestEmulator {
    <# Stops an emulator started by Start-TestEmulator (in this or an earlier import of the helpers). #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    $process = $script:StartedEmulator
    if ($null -eq $process -and $env:COMPUTE_EMULATOR_PID) {
        try { $process = [System.Diagnostics.Process]::GetProcessById([int] $env:COMPUTE_EMULATOR_PID) } catch { $process = $null }
    }
    if ($null -ne $process -and $PSCmdlet.ShouldProcess("emulator process $($process.Id)", 'stop')) {
        if (-not $process.HasExited) {
            $kill = $process.GetType().GetMethod('Kill', [type[]] @([bool]))
            if ($null -ne $kill) { $process.Kill($true) } else { $process.Kill() }
        }
        $script:StartedEmulator = $null
        $env:COMPUTE_EMULATOR_URL = $null
        $env:COMPUTE_EMULATOR_PID = $null
    }
}

# ---- the module ---------------------------------------------------------------------------------

function Get-ComputeModuleUnderTestPath {
    <# COMPUTE_MODULE_PATH, else the built manifest under src/ComputeModule/bin/<Debug|Release>/netstandard2.0. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    if (-not [string]::IsNullOrWhiteSpace($env:COMPUTE_MODULE_PATH)) { return $env:COMPUTE_MODULE_PATH }
    foreach ($configuration in 'Debug', 'Release') {
        $candidate = [System.IO.Path]::Combine((Get-TestRepoRoot), 'src', 'ComputeModule', 'bin', $configuration, 'netstandard2.0', 'ComputeModule.psd1')
        if ([System.IO.File]::Exists($candidate)) { return $candidate }
    }
    throw 'ComputeModule is not built: set COMPUTE_MODULE_PATH or run dotnet build src/ComputeModule'
}

function Import-ComputeModuleUnderTest {
    <#
    Imports the module under test into the global scope (so the test files see its cmdlets) and, on the
    emulator backend without COMPUTE_EMULATOR_URL (real Pester on a developer's machine), starts the emulator.
    #>
    [CmdletBinding()]
    param()
    if ((Test-EmulatorBackend) -and [string]::IsNullOrWhiteSpace($env:COMPUTE_EMULATOR_URL)) {
        $null = Start-TestEmulator
    }
    Import-Module -Name (Get-ComputeModuleUnderTestPath) -Global -Force -PassThru -ErrorAction Stop
}

function ConvertTo-TestSecureString {
    <# A SecureString from plain text (ConvertTo-SecureString is not in every host). #>
    [CmdletBinding()]
    [OutputType([System.Security.SecureString])]
    param([Parameter(Mandatory = $true)] [string] $Text)
    $secure = [System.Security.SecureString]::new()
    foreach ($c in $Text.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    $secure
}

function Get-TestCredential {
    <# A PSCredential from OS_USERNAME/OS_PASSWORD. #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCredential])]
    param()
    [System.Management.Automation.PSCredential]::new($env:OS_USERNAME, (ConvertTo-TestSecureString $env:OS_PASSWORD))
}

function Get-TestConnectParameters {
    <# The Connect-ComputeService parameters (Password set) built from the OS_* variables. #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()
    if ([string]::IsNullOrWhiteSpace($env:OS_AUTH_URL)) { throw 'OS_AUTH_URL is not set' }
    $parameters = @{ AuthUrl = [uri] $env:OS_AUTH_URL; Credential = (Get-TestCredential) }
    if ($env:OS_PROJECT_NAME) { $parameters.ProjectName = $env:OS_PROJECT_NAME }
    if ($env:OS_USER_DOMAIN_NAME) { $parameters.UserDomainName = $env:OS_USER_DOMAIN_NAME }
    if ($env:OS_PROJECT_DOMAIN_NAME) { $parameters.ProjectDomainName = $env:OS_PROJECT_DOMAIN_NAME }
    if ($env:OS_REGION_NAME) { $parameters.Region = $env:OS_REGION_NAME }
    $parameters
}

function Connect-TestCloud {
    <# Connect-ComputeService (Keystone v3 password) from the OS_* variables; returns the connection. #>
    [CmdletBinding()]
    param()
    $parameters = Get-TestConnectParameters
    Connect-ComputeService @parameters -ErrorAction Stop
}

function Get-TestToken {
    <#
    Authenticates with Keystone v3 directly (not through the module) from the OS_* variables and returns
    the token (X-Subject-Token) and the compute endpoint of OS_REGION_NAME from the catalog.
    #>
    [CmdletBinding()]
    param()
    $user = [ordered] @{ name = $env:OS_USERNAME; password = $env:OS_PASSWORD; domain = @{ name = $env:OS_USER_DOMAIN_NAME } }
    $body = [ordered] @{
        auth = [ordered] @{
            identity = [ordered] @{ methods = @('password'); password = @{ user = $user } }
            scope    = @{ project = [ordered] @{ name = $env:OS_PROJECT_NAME; domain = @{ name = $env:OS_PROJECT_DOMAIN_NAME } } }
        }
    }
    $response = Invoke-TestHttp -Method POST -Uri ($env:OS_AUTH_URL.TrimEnd('/') + '/auth/tokens') -JsonBody (ConvertTo-TestJson $body)
    if ($response.StatusCode -ne 201 -and $response.StatusCode -ne 200) { throw "Keystone answered $($response.StatusCode): $($response.Body)" }
    $token = $response.Headers['X-Subject-Token']
    $parsed = ConvertFrom-TestJson $response.Body
    $endpoint = $null
    foreach ($service in @($parsed.token.catalog)) {
        if ($service.type -ne 'compute') { continue }
        foreach ($e in @($service.endpoints)) {
            if ($e.interface -eq 'public' -and (-not $env:OS_REGION_NAME -or $e.region -eq $env:OS_REGION_NAME -or $e.region_id -eq $env:OS_REGION_NAME)) { $endpoint = $e.url; break }
        }
    }
    if (-not $token) { throw 'Keystone gave no X-Subject-Token' }
    if (-not $endpoint) { throw "no public compute endpoint for region '$env:OS_REGION_NAME' in the catalog" }
    [pscustomobject] @{ Token = $token; ComputeEndpoint = [uri] $endpoint }
}

# ---- small utilities for the tests --------------------------------------------------------------

function Select-TestFirst {
    <#
    The first -First items of the pipeline in -ScriptBlock, stopping it early: Select-Object -First when
    the host has it (it stops upstream commands), else a `break` out of ForEach-Object, which stops the
    pipeline the same way (the upstream cmdlet's next WriteObject ends it).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [scriptblock] $ScriptBlock, [Parameter(Mandatory = $true)] [int] $First)
    if (Get-Command -Name Select-Object -CommandType Cmdlet -ErrorAction SilentlyContinue) {
        return (& $ScriptBlock | Select-Object -First $First)
    }
    $items = [System.Collections.Generic.List[object]]::new()
    do {
        & $ScriptBlock | ForEach-Object {
            $items.Add($_)
            if ($items.Count -ge $First) { break }
        }
    } while ($false)
    $items.ToArray()
}

function Wait-TestCondition {
    <# Polls -Condition until it returns true or -TimeoutSeconds pass; returns whether it became true. #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory = $true)] [scriptblock] $Condition, [int] $TimeoutSeconds = 30, [int] $IntervalMilliseconds = 250)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    do {
        if (& $Condition) { return $true }
        [System.Threading.Thread]::Sleep($IntervalMilliseconds)
    } while ([DateTime]::UtcNow -lt $deadline)
    [bool] (& $Condition)
}

function Get-TestUniqueName {
    <# A name no earlier run used, for images created by the tests. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Prefix = 'cmtest')
    '{0}-{1}' -f $Prefix, [guid]::NewGuid().ToString('N').Substring(0, 10)
}

function Get-TestActiveServer {
    <# Servers that exist on the backend now (does not assume seeded names). On the emulator, seeds some if there are none. #>
    [CmdletBinding()]
    param([int] $Minimum = 1)
    $servers = @(Get-ComputeServer -All -ErrorAction Stop)
    if ($servers.Count -lt $Minimum -and (Test-EmulatorBackend)) {
        $null = Initialize-EmulatorSeed -Servers ([Math]::Max($Minimum, 3)) -Seed 7
        $servers = @(Get-ComputeServer -All -ErrorAction Stop)
    }
    if ($servers.Count -lt $Minimum) { throw "the backend has $($servers.Count) servers; these tests need at least $Minimum (tests/openstack seeds them)" }
    $active = @($servers | Where-Object { $_.Status -eq 'ACTIVE' })
    if ($active.Count -ge $Minimum) { return $active }
    $servers
}

function New-TestSnapshot {
    <#
    New-ComputeImage of -Server, waiting and trying again while the server is busy with an earlier
    snapshot: Nova and the emulator refuse a second one in progress with 409 (Conflict).
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        [Parameter(Mandatory = $true)] $Server,
        [string] $Name = (Get-TestUniqueName 'cmtest-img'),
        [hashtable] $Metadata,
        [int] $ConflictTimeoutSeconds = 120
    )
    if (-not $PSCmdlet.ShouldProcess("server $($Server.Id)", 'snapshot')) { return }
    $parameters = @{ ServerId = $Server.Id; Name = $Name }
    if ($Metadata) { $parameters.Metadata = $Metadata }
    $deadline = [DateTime]::UtcNow.AddSeconds($ConflictTimeoutSeconds)
    while ($true) {
        $failures = $null
        $image = New-ComputeImage @parameters -ErrorAction SilentlyContinue -ErrorVariable failures
        if (@($failures).Count -eq 0) { return $image }
        if ($failures[0].FullyQualifiedErrorId -notlike 'Conflict*' -or [DateTime]::UtcNow -gt $deadline) { throw $failures[0] }
        [System.Threading.Thread]::Sleep(1000)
    }
}

function Remove-TestImage {
    <# Best-effort clean-up of images the tests created. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(ValueFromPipeline = $true)] $Image)
    process {
        if ($null -eq $Image) { return }
        $id = $Image
        if ($Image.PSObject.Properties['Id']) { $id = $Image.Id }
        if ($PSCmdlet.ShouldProcess("image $id", 'remove')) {
            Remove-ComputeImage -ImageId $id -Confirm:$false -ErrorAction SilentlyContinue
        }
    }
}

function Get-TestStreamText {
    <#
    Runs -ScriptBlock and returns everything it wrote to any stream, as one string. The preferences that
    decide what is written ($VerbosePreference, $DebugPreference) are the caller's: set them in the It
    (a module function's own variables are not visible to a script block from the test file).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory = $true)] [scriptblock] $ScriptBlock)
    $lines = [System.Collections.Generic.List[string]]::new()
    & $ScriptBlock *>&1 | ForEach-Object {
        if ($null -ne $_) {
            if ($_ -is [System.Management.Automation.ErrorRecord]) { $lines.Add("$($_) $($_.Exception)") }
            else { $lines.Add("$_") }
        }
    }
    $lines -join [Environment]::NewLine
}

Export-ModuleMember -Function @(
    'Get-TestRepoRoot', 'Get-TestBackend', 'Test-EmulatorBackend',
    'ConvertTo-TestJson', 'ConvertFrom-TestJson', 'Invoke-TestHttp',
    'Get-EmulatorUrl', 'Invoke-EmulatorControl', 'Reset-Emulator', 'Initialize-EmulatorSeed',
    'Get-EmulatorRequestLog', 'Clear-EmulatorRequestLog', 'Set-EmulatorFault', 'Clear-EmulatorFault',
    'Invoke-EmulatorScheduleRun', 'Revoke-EmulatorToken',
    'Start-TestEmulator', 'Stop-TestEmulator', 'Set-TestEmulatorEnvironment',
    'Get-ComputeModuleUnderTestPath', 'Import-ComputeModuleUnderTest',
    'ConvertTo-TestSecureString', 'Get-TestCredential', 'Get-TestConnectParameters', 'Connect-TestCloud', 'Get-TestToken',
    'Select-TestFirst', 'Wait-TestCondition', 'Get-TestUniqueName', 'Get-TestActiveServer', 'New-TestSnapshot', 'Remove-TestImage',
    'Get-TestStreamText'
)
