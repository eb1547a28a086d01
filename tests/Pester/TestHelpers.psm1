# Helpers for the ComputeModule acceptance suite, run by real Pester 5 in pwsh 7 (and, by the same files,
# in Windows PowerShell 5.1: 5.1 syntax only). Each test file starts with Enter-ComputeModuleTest and ends
# with Exit-ComputeModuleTest, which leave the caller's OS_*/COMPUTE_* variables as they were and stop any
# emulator they started.

Set-StrictMode -Version 2.0

$script:HttpClient = $null
$script:StartedEmulator = $null
$script:SavedEnvironment = $null

# Not -Force: a runner (Invoke-Suite.ps1) that imported it first keeps its copy when a test file re-imports this module.
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', '..', 'tools', 'ComputeEmulator', 'ComputeEmulator.psm1'))

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

# ---- the emulator -------------------------------------------------------------------------------

function Get-EmulatorUrl {
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $url = $env:COMPUTE_EMULATOR_URL
    if ([string]::IsNullOrWhiteSpace($url)) { throw 'COMPUTE_EMULATOR_URL is not set: the emulator is not running (Enter-ComputeModuleTest starts one)' }
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
    if ($PSBoundParameters.ContainsKey('Body')) { $arguments.JsonBody = ConvertTo-Json -InputObject $Body -Depth 10 -Compress }
    elseif ($Method -eq 'POST' -or $Method -eq 'PUT') { $arguments.JsonBody = '{}' }
    $response = Invoke-TestHttp @arguments
    if ($response.StatusCode -lt 200 -or $response.StatusCode -ge 300) {
        throw "emulator control $Method $Path answered $($response.StatusCode): $($response.Body)"
    }
    if ($response.StatusCode -ne 204 -and $response.Body) { ConvertFrom-Json -InputObject $response.Body }
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

function Start-TestEmulator {
    <#
    Starts an emulator for this test file (tools/ComputeEmulator/ComputeEmulator.psm1: it stops by itself
    when this PowerShell process ends), sets COMPUTE_EMULATOR_URL and the OS_* variables for it, and
    returns its URL. Exit-ComputeModuleTest stops it and puts the variables back.
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([int] $TimeoutSeconds = 180)
    if (-not $PSCmdlet.ShouldProcess('ComputeEmulator', 'start')) { return }
    $emulator = Start-ComputeEmulator -TimeoutSeconds $TimeoutSeconds -ArgumentList '--build-delay', '300ms', '--snapshot-duration', '3s'
    $script:StartedEmulator = $emulator
    Set-TestEmulatorEnvironment -Url $emulator.Url
    $emulator.Url
}

function Set-TestEmulatorEnvironment {
    <# COMPUTE_TEST_BACKEND, COMPUTE_EMULATOR_URL and the OS_* variables of DESIGN.md for an emulator at this URL. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true)] [string] $Url)
    if (-not $PSCmdlet.ShouldProcess('OS_* environment variables', 'set')) { return }
    $env:COMPUTE_TEST_BACKEND = 'emulator'
    $environment = Get-ComputeEmulatorEnvironment -Url $Url
    foreach ($name in $environment.Keys) { Set-TestEnvironmentVariable -Name $name -Value $environment[$name] }
}

function Stop-TestEmulator {
    <# Stops the emulator that Start-TestEmulator started, if any. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param()
    $emulator = $script:StartedEmulator
    if ($null -ne $emulator -and $PSCmdlet.ShouldProcess("emulator process $($emulator.ProcessId)", 'stop')) {
        Stop-ComputeEmulator -Emulator $emulator -Confirm:$false
        $script:StartedEmulator = $null
    }
}

function Get-TestEnvironment {
    <# The process's OS_* and COMPUTE_* variables, as a name -> value table. #>
    [CmdletBinding()]
    [OutputType([hashtable])]
    param()
    $saved = @{}
    foreach ($entry in [Environment]::GetEnvironmentVariables().GetEnumerator()) {
        if ($entry.Key -like 'OS_*' -or $entry.Key -like 'COMPUTE_*') { $saved[[string] $entry.Key] = [string] $entry.Value }
    }
    $saved
}

function Set-TestEnvironmentVariable {
    <# Sets an environment variable, or removes it for $null or '' (Set-ProcessEnvironmentVariable). #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true)] [string] $Name, [AllowNull()] [AllowEmptyString()] [string] $Value)
    if ($PSCmdlet.ShouldProcess("environment variable $Name", 'set')) { Set-ProcessEnvironmentVariable -Name $Name -Value $Value -Confirm:$false }
}

function Restore-TestEnvironment {
    <# Puts the OS_* and COMPUTE_* variables back to -Saved: changed ones restored, added ones removed. #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true)] [hashtable] $Saved)
    if (-not $PSCmdlet.ShouldProcess('OS_* and COMPUTE_* environment variables', 'restore')) { return }
    $now = Get-TestEnvironment
    foreach ($name in $now.Keys) { if (-not $Saved.ContainsKey($name)) { Set-TestEnvironmentVariable -Name $name -Value $null -Confirm:$false } }
    foreach ($name in $Saved.Keys) { Set-TestEnvironmentVariable -Name $name -Value $Saved[$name] -Confirm:$false }
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
    <# Imports the module under test into the global scope, so the test files see its cmdlets. #>
    [CmdletBinding()]
    param()
    Import-Module -Name (Get-ComputeModuleUnderTestPath) -Global -Force -PassThru -ErrorAction Stop
}

function Enter-ComputeModuleTest {
    <#
    The start of every test file (its top-level BeforeAll): saves the OS_*/COMPUTE_* variables for
    Exit-ComputeModuleTest, starts an emulator when the backend is the emulator and no runner gave one
    (COMPUTE_EMULATOR_URL), and imports the module under test, which it returns.
    #>
    [CmdletBinding()]
    param()
    $script:SavedEnvironment = Get-TestEnvironment
    if ((Test-EmulatorBackend) -and [string]::IsNullOrWhiteSpace($env:COMPUTE_EMULATOR_URL)) {
        $null = Start-TestEmulator
    }
    Import-ComputeModuleUnderTest
}

function Exit-ComputeModuleTest {
    <#
    The end of every test file (its top-level AfterAll): closes the module's connections, stops the emulator
    Enter-ComputeModuleTest started, and puts the OS_*/COMPUTE_* variables back as they were.
    #>
    [CmdletBinding()]
    param()
    try {
        if (Get-Command -Name Get-ComputeConnection -ErrorAction SilentlyContinue) {
            Get-ComputeConnection -ErrorAction SilentlyContinue | Disconnect-ComputeService -ErrorAction SilentlyContinue
        }
    }
    finally {
        Stop-TestEmulator
        if ($null -ne $script:SavedEnvironment) {
            Restore-TestEnvironment -Saved $script:SavedEnvironment
            $script:SavedEnvironment = $null
        }
    }
}

function New-TestPwshStartInfo {
    <#
    A ProcessStartInfo for another process of this PowerShell (Get-PwshCommand) that runs -Command (sent
    encoded, -NoProfile -NonInteractive) or takes -ArgumentList as given; output and error redirected.
    #>
    [CmdletBinding(DefaultParameterSetName = 'Command')]
    [OutputType([System.Diagnostics.ProcessStartInfo])]
    param(
        [Parameter(Mandatory = $true, ParameterSetName = 'Command')] [string] $Command,
        [Parameter(Mandatory = $true, ParameterSetName = 'Arguments')] [string[]] $ArgumentList
    )
    $pwsh = @(Get-PwshCommand)
    if ($PSCmdlet.ParameterSetName -eq 'Command') {
        $encoded = [Convert]::ToBase64String([System.Text.Encoding]::Unicode.GetBytes($Command))
        $ArgumentList = @('-NoProfile', '-NonInteractive', '-EncodedCommand', $encoded)
    }
    $info = [System.Diagnostics.ProcessStartInfo]::new($pwsh[0])
    # Arguments as one string: ProcessStartInfo.ArgumentList is not in Windows PowerShell 5.1's .NET.
    $info.Arguments = (@(@($pwsh | Select-Object -Skip 1) + $ArgumentList | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } })) -join ' '
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $info
}

function Get-TestCredential {
    <# A PSCredential from OS_USERNAME/OS_PASSWORD. #>
    [CmdletBinding()]
    [OutputType([System.Management.Automation.PSCredential])]
    param()
    [System.Management.Automation.PSCredential]::new($env:OS_USERNAME, (ConvertTo-SecureString -String $env:OS_PASSWORD -AsPlainText -Force))
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
    <# A Keystone v3 token and the compute endpoint for the OS_* variables, without the module (Get-ComputeCloudToken). #>
    [CmdletBinding()]
    param()
    Get-ComputeCloudToken
}

# ---- small utilities for the tests --------------------------------------------------------------

function Wait-TestCondition {
    <# Polls -Condition until it returns true or -TimeoutSeconds pass; returns whether it became true. #>
    [CmdletBinding()]
    [OutputType([bool])]
    param([Parameter(Mandatory = $true)] [scriptblock] $Condition, [int] $TimeoutSeconds = 30, [int] $IntervalMilliseconds = 250)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    do {
        if (& $Condition) { return $true }
        Start-Sleep -Milliseconds $IntervalMilliseconds
    } while ([DateTime]::UtcNow -lt $deadline)
    [bool] (& $Condition)
}

function Assert-TestPagesFetched {
    <#
    After `<listing> -All -Limit $Limit | Select-Object -First $Take`: $Taken are the first $Take of $Listed
    (the whole listing, in order), and $Requests (that listing's GETs in the request log, oldest first) are
    exactly $Pages pages: the first without a marker, page k after the last id of page k-1, none after.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [AllowEmptyCollection()] [object[]] $Taken,
        [Parameter(Mandatory = $true)] [object[]] $Listed,
        [Parameter(Mandatory = $true)] [AllowEmptyCollection()] [object[]] $Requests,
        [Parameter(Mandatory = $true)] [int] $Take,
        [Parameter(Mandatory = $true)] [int] $Limit,
        [Parameter(Mandatory = $true)] [int] $Pages
    )
    $Taken | Should -HaveCount $Take
    @($Taken | ForEach-Object { $_.Id }) | Should -Be @($Listed[0..($Take - 1)] | ForEach-Object { $_.Id })
    $Requests | Should -HaveCount $Pages -Because "item $Take is on page $Pages; no later page may be fetched"
    $Requests[0].query | Should -Not -Match 'marker='
    for ($k = 1; $k -lt $Pages; $k++) {
        $Requests[$k].query | Should -Match ('marker=' + [regex]::Escape($Listed[$k * $Limit - 1].Id))
    }
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
        Start-Sleep -Seconds 1
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
    'Get-TestRepoRoot', 'Get-TestBackend', 'Test-EmulatorBackend', 'Invoke-TestHttp',
    'Get-EmulatorUrl', 'Invoke-EmulatorControl', 'Reset-Emulator', 'Initialize-EmulatorSeed',
    'Get-EmulatorRequestLog', 'Clear-EmulatorRequestLog', 'Set-EmulatorFault', 'Clear-EmulatorFault',
    'Invoke-EmulatorScheduleRun', 'Revoke-EmulatorToken',
    'Start-TestEmulator', 'Stop-TestEmulator', 'Set-TestEmulatorEnvironment', 'Get-TestEnvironment', 'Set-TestEnvironmentVariable', 'Restore-TestEnvironment',
    'Get-ComputeModuleUnderTestPath', 'Import-ComputeModuleUnderTest', 'Enter-ComputeModuleTest', 'Exit-ComputeModuleTest',
    'New-TestPwshStartInfo', 'Get-TestCredential', 'Get-TestConnectParameters', 'Connect-TestCloud', 'Get-TestToken',
    'Wait-TestCondition', 'Assert-TestPagesFetched', 'Get-TestUniqueName', 'Get-TestActiveServer', 'New-TestSnapshot', 'Remove-TestImage',
    'Get-TestStreamText'
)
