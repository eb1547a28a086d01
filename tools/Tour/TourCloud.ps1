# Dot-sourced by Tour.ps1 and Shell.ps1: puts servers into the cloud of the OS_* variables (the emulator that
# build.ps1 started) through the plain Keystone v3 and Nova APIs, without the module, so that the tour and the
# shell have something to show. PowerShell 5.1 syntax.

# The Keystone v3 token and catalog look-up (Get-ComputeCloudToken) are the emulator module's.
Import-Module ([System.IO.Path]::Combine($PSScriptRoot, '..', 'ComputeEmulator', 'ComputeEmulator.psm1'))

function Get-TourCloudSession {
    <# A Keystone v3 token for the OS_* variables and the compute endpoint of OS_REGION_NAME: @{ Compute; Headers }. #>
    try {
        $cloud = Get-ComputeCloudToken
    }
    catch {
        throw "$_ (run this through build.ps1 -Task Tour or Shell, or set the OS_* variables)"
    }
    @{ Compute = $cloud.ComputeEndpoint.AbsoluteUri.TrimEnd('/'); Headers = @{ 'X-Auth-Token' = $cloud.Token; Accept = 'application/json' } }
}

function Initialize-TourCloud {
    <#
    Creates web01..web<WebCount> and db01..db<DbCount> (metadata role = web or db), with the first image and
    flavor the cloud lists, unless servers of those names exist already; then waits until every server is
    ACTIVE. Returns the names.
    #>
    param([int]$WebCount = 15, [int]$DbCount = 10, [int]$TimeoutSeconds = 60)

    $session = Get-TourCloudSession
    $compute = $session.Compute
    $headers = $session.Headers
    $imageRef = @((Invoke-RestMethod -Uri "$compute/images" -Headers $headers).images)[0].id
    $flavorRef = @((Invoke-RestMethod -Uri "$compute/flavors" -Headers $headers).flavors)[0].id

    $names = @()
    for ($i = 1; $i -le $WebCount; $i++) { $names += 'web{0:D2}' -f $i }
    for ($i = 1; $i -le $DbCount; $i++) { $names += 'db{0:D2}' -f $i }

    $existing = @((Invoke-RestMethod -Uri "$compute/servers" -Headers $headers).servers | ForEach-Object { $_.name })
    foreach ($name in $names) {
        if ($existing -contains $name) { continue }
        $body = @{ server = @{ name = $name; imageRef = $imageRef; flavorRef = $flavorRef; metadata = @{ role = $name -replace '\d+$', '' } } } |
            ConvertTo-Json -Depth 5
        $null = Invoke-RestMethod -Method Post -Uri "$compute/servers" -Headers $headers -ContentType 'application/json' -Body $body
    }

    # New servers are in BUILD for a moment (the tour's emulator: 300 ms); a snapshot of a BUILD server is refused.
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ($true) {
        $servers = @((Invoke-RestMethod -Uri "$compute/servers/detail" -Headers $headers).servers)
        $waiting = @($servers | Where-Object { $names -contains $_.name -and $_.status -ne 'ACTIVE' })
        if ($waiting.Count -eq 0) { break }
        if ([DateTime]::UtcNow -gt $deadline) { throw "still not ACTIVE after $TimeoutSeconds s: $(($waiting | ForEach-Object { "$($_.name) ($($_.status))" }) -join ', ')" }
        Start-Sleep -Milliseconds 100
    }
    $names
}

function Get-TourParentProcess {
    <#
    The process that started this PowerShell: build.ps1's pwsh, whose end also ends the emulator (it runs with
    --parent-pid). The tour and the shell stop when it is gone rather than talk to a cloud that is no more.
    $null when it cannot be told.
    #>
    try {
        $self = Get-Process -Id $PID
        if ($self.PSObject.Properties['Parent']) { return $self.Parent }   # PowerShell 6+
        $parentId = (Get-CimInstance -ClassName Win32_Process -Filter "ProcessId = $PID").ParentProcessId
        Get-Process -Id $parentId -ErrorAction Stop
    }
    catch {
        $null
    }
}

function Test-TourParentGone($Parent) {
    if ($null -eq $Parent) { return $false }
    try { $Parent.Refresh(); $Parent.HasExited } catch { $true }
}
