# Starts and stops tools/ComputeEmulator as a child process, and what runs beside it, for build.ps1, the test
# suite (tests/Pester) and the tour (tools/Tour): the OS_* variables for an emulator, a Keystone v3 token
# without the module, another process of this same PowerShell. PowerShell 5.1 syntax.
#
# The emulator is started from its built dll with --parent-pid $PID, so it stops by itself when the
# PowerShell process that started it ends, however that ends (Ctrl+C, a crash, a kill). Stop-ComputeEmulator
# stops it sooner.

Set-StrictMode -Version 3.0

function Get-ComputeEmulatorDll {
    <# The built emulator (bin/<Configuration>/net10.0/ComputeEmulator.dll); builds it when it is missing. #>
    [CmdletBinding()]
    [OutputType([string])]
    # Release or Debug; by default COMPUTE_EMULATOR_CONFIGURATION, else the newer of the two builds.
    param([string] $Configuration)
    $project = $PSScriptRoot
    # COMPUTE_EMULATOR_DLL: a copy elsewhere, e.g. while a build rewrites bin/.
    if (-not $Configuration -and $env:COMPUTE_EMULATOR_DLL) { return $env:COMPUTE_EMULATOR_DLL }
    if (-not $Configuration) { $Configuration = $env:COMPUTE_EMULATOR_CONFIGURATION }
    $configurations = if ($Configuration) { @($Configuration) } else { @('Release', 'Debug') }
    $found = foreach ($c in $configurations) {
        $dll = [System.IO.Path]::Combine($project, 'bin', $c, 'net10.0', 'ComputeEmulator.dll')
        if ([System.IO.File]::Exists($dll)) { Get-Item -LiteralPath $dll }
    }
    if ($found) {
        return ($found | Sort-Object LastWriteTimeUtc -Descending | Select-Object -First 1).FullName
    }
    $c = $configurations[0]
    Write-Verbose "building the emulator ($c)"
    $output = & dotnet build $project -c $c --nologo -v q 2>&1
    if ($LASTEXITCODE -ne 0) { throw "dotnet build of the emulator failed:`n$($output -join "`n")" }
    [System.IO.Path]::Combine($project, 'bin', $c, 'net10.0', 'ComputeEmulator.dll')
}

function Get-ComputeEmulatorFreePort {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { ([System.Net.IPEndPoint] $listener.LocalEndpoint).Port } finally { $listener.Stop() }
}

function Start-ComputeEmulator {
    <#
    .SYNOPSIS
    Starts the emulator on a free loopback port and waits until it answers.
    .OUTPUTS
    An object with Url (ending in '/'), ProcessId, Process and LogPath.
    .EXAMPLE
    $emulator = Start-ComputeEmulator -ArgumentList '--seed-servers', '25'
    #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param(
        # More emulator options (see `dotnet tools/ComputeEmulator/bin/Release/net10.0/ComputeEmulator.dll --help`).
        [string[]] $ArgumentList = @(),
        [string] $Configuration,
        [int] $TimeoutSeconds = 120
    )
    if (-not $PSCmdlet.ShouldProcess('ComputeEmulator', 'start')) { return }
    $dll = Get-ComputeEmulatorDll -Configuration $Configuration
    $port = Get-ComputeEmulatorFreePort
    $url = "http://127.0.0.1:$port/"
    $log = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "ComputeEmulator-$port.log")

    $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
    $arguments = @("`"$dll`"", '--urls', "http://127.0.0.1:$port", '--parent-pid', [string] $PID) + $ArgumentList
    $info.Arguments = $arguments -join ' '
    $info.UseShellExecute = $false
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    # The emulator needs none of the caller's cloud settings.
    foreach ($name in @($info.Environment.Keys)) { if ($name -like 'OS_*') { $null = $info.Environment.Remove($name) } }
    $process = [System.Diagnostics.Process]::Start($info)
    # Drain both pipes into log files so the child never blocks on a full pipe.
    foreach ($pair in @(@($process.StandardOutput, $log), @($process.StandardError, "$log.err"))) {
        # Unbuffered (buffer size 1), so the log is whole even though the stream is never closed here.
        $file = [System.IO.FileStream]::new($pair[1], 'Create', 'Write', 'ReadWrite', 1)
        $null = $pair[0].BaseStream.CopyToAsync($file)
    }

    $client = [System.Net.Http.HttpClient]::new()
    $client.Timeout = [TimeSpan]::FromSeconds(5)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    $ready = $false
    try {
        while ([DateTime]::UtcNow -lt $deadline -and -not $process.HasExited) {
            try {
                $answer = $client.GetAsync($url).GetAwaiter().GetResult()
                $ready = [int] $answer.StatusCode -lt 500
                $answer.Dispose()
                if ($ready) { break }
            }
            catch {
                # not listening yet
            }
            Start-Sleep -Milliseconds 200
        }
    }
    finally {
        $client.Dispose()
    }
    if (-not $ready) {
        if (-not $process.HasExited) { $process.Kill() }
        throw "the emulator did not answer at $url within $TimeoutSeconds s (log: $log)"
    }
    [pscustomobject] @{
        PSTypeName = 'ComputeEmulator.Process'
        Url        = $url
        ProcessId  = $process.Id
        Process    = $process
        LogPath    = $log
    }
}

function Stop-ComputeEmulator {
    <# Stops an emulator that Start-ComputeEmulator started (by its object or process id). #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true, ValueFromPipeline = $true)] $Emulator)
    process {
        $id = if ($Emulator -is [int]) { $Emulator } else { $Emulator.ProcessId }
        if (-not $PSCmdlet.ShouldProcess("emulator process $id", 'stop')) { return }
        $process = $null
        try { $process = [System.Diagnostics.Process]::GetProcessById($id) } catch { return }
        try {
            if (-not $process.HasExited) {
                $process.Kill()
                $null = $process.WaitForExit(10000)
            }
        }
        catch [System.InvalidOperationException] {
            # it ended meanwhile
        }
        finally {
            $process.Dispose()
        }
    }
}

function Get-ComputeEmulatorEnvironment {
    <#
    The OS_* variables (as an openrc file would set them) for the emulator at -Url, with the ones that
    would mix in another cloud (OS_TOKEN, OS_PROJECT_ID, OS_CLOUD, ...) set to $null.
    #>
    [CmdletBinding()]
    [OutputType([System.Collections.Specialized.OrderedDictionary])]
    param([Parameter(Mandatory = $true)] [string] $Url)
    $environment = [ordered] @{}
    foreach ($name in [Environment]::GetEnvironmentVariables().Keys) {
        if ($name -like 'OS_*') { $environment[$name] = $null }
    }
    $environment.COMPUTE_EMULATOR_URL = $Url
    $environment.OS_AUTH_URL = $Url.TrimEnd('/') + '/v3'
    $environment.OS_USERNAME = 'demo'
    $environment.OS_PASSWORD = 'demo-password'
    $environment.OS_PROJECT_NAME = 'demo'
    $environment.OS_USER_DOMAIN_NAME = 'Default'
    $environment.OS_PROJECT_DOMAIN_NAME = 'Default'
    $environment.OS_REGION_NAME = 'RegionOne'
    $environment
}

function Get-ComputeCloudToken {
    <#
    Authenticates with Keystone v3 directly (not through the module) from the OS_* variables and returns the
    token (X-Subject-Token) and the public compute endpoint of OS_REGION_NAME from the catalog, as
    Token and ComputeEndpoint ([uri]). User and project domains default to 'Default'.
    #>
    [CmdletBinding()]
    param()
    foreach ($name in 'OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set" }
    }
    $userDomain = if ($env:OS_USER_DOMAIN_NAME) { $env:OS_USER_DOMAIN_NAME } else { 'Default' }
    $projectDomain = if ($env:OS_PROJECT_DOMAIN_NAME) { $env:OS_PROJECT_DOMAIN_NAME } else { 'Default' }
    $user = [ordered] @{ name = $env:OS_USERNAME; password = $env:OS_PASSWORD; domain = @{ name = $userDomain } }
    $body = [ordered] @{
        auth = [ordered] @{
            identity = [ordered] @{ methods = @('password'); password = @{ user = $user } }
            scope    = @{ project = [ordered] @{ name = $env:OS_PROJECT_NAME; domain = @{ name = $projectDomain } } }
        }
    }
    # Invoke-WebRequest rather than Invoke-RestMethod: the token is in a header, and Windows PowerShell 5.1's
    # Invoke-RestMethod has no -ResponseHeadersVariable.
    $answer = Invoke-WebRequest -UseBasicParsing -Method Post -Uri ($env:OS_AUTH_URL.TrimEnd('/') + '/auth/tokens') `
        -ContentType 'application/json' -Body (ConvertTo-Json -InputObject $body -Depth 10 -Compress)
    $token = @($answer.Headers['X-Subject-Token'])[0]
    if (-not $token) { throw "Keystone answered $($answer.StatusCode) without an X-Subject-Token header" }
    $endpoint = $null
    foreach ($service in @((ConvertFrom-Json -InputObject $answer.Content).token.catalog | Where-Object { $_.type -eq 'compute' })) {
        foreach ($e in @($service.endpoints)) {
            # Keystone v3 names the region in region_id and (older) region; either may be missing.
            $regions = @('region_id', 'region' | Where-Object { $e.PSObject.Properties[$_] } | ForEach-Object { $e.$_ })
            if ($e.interface -eq 'public' -and (-not $env:OS_REGION_NAME -or $regions -contains $env:OS_REGION_NAME)) { $endpoint = $e.url; break }
        }
        if ($endpoint) { break }
    }
    if (-not $endpoint) { throw "no public compute endpoint for region '$env:OS_REGION_NAME' in the catalog" }
    [pscustomobject] @{ Token = $token; ComputeEndpoint = [uri] $endpoint }
}

function Get-PwshCommand {
    <#
    How to start another process of the PowerShell running this: @(executable, leading arguments). pwsh
    installed as a dotnet tool runs as `dotnet <PSHOME>/pwsh.dll`, so its process path is dotnet's; an
    installed pwsh or powershell.exe is its own executable.
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param()
    $path = (Get-Process -Id $PID).Path
    if ([System.IO.Path]::GetFileNameWithoutExtension($path) -eq 'dotnet') { return @($path, [System.IO.Path]::Combine($PSHOME, 'pwsh.dll')) }
    , @($path)
}

function Set-ProcessEnvironmentVariable {
    <# Sets an environment variable of this process, or removes it for $null or ''. (A $null passed to .NET's SetEnvironmentVariable from PowerShell arrives as '' and leaves the variable defined.) #>
    [CmdletBinding(SupportsShouldProcess = $true)]
    param([Parameter(Mandatory = $true)] [string] $Name, [AllowNull()] [AllowEmptyString()] [string] $Value)
    if (-not $PSCmdlet.ShouldProcess("environment variable $Name", 'set')) { return }
    if ([string]::IsNullOrEmpty($Value)) {
        if (Test-Path -LiteralPath "Env:$Name") { Remove-Item -LiteralPath "Env:$Name" }
    }
    else {
        Set-Item -LiteralPath "Env:$Name" -Value $Value
    }
}

Export-ModuleMember -Function Start-ComputeEmulator, Stop-ComputeEmulator, Get-ComputeEmulatorEnvironment, Get-ComputeEmulatorDll,
    Get-ComputeCloudToken, Get-PwshCommand, Set-ProcessEnvironmentVariable
