# Dot-sourced by Tour.ps1 and Shell.ps1: puts servers into the cloud of the OS_* variables (the emulator that
# build.ps1 started) through the plain Keystone v3 and Nova APIs, without the module, so that the tour and the
# shell have something to show. PowerShell 5.1 syntax.

function Get-TourCloudSession {
    <#
    A Keystone v3 password token for the OS_* variables, and the compute endpoint of OS_REGION_NAME from the
    token's catalog: @{ Token; Compute; Headers }.
    #>
    foreach ($name in 'OS_AUTH_URL', 'OS_USERNAME', 'OS_PASSWORD', 'OS_PROJECT_NAME') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run this through build.ps1 -Task Tour (or Shell), or set the OS_* variables." }
    }
    $userDomain = if ($env:OS_USER_DOMAIN_NAME) { $env:OS_USER_DOMAIN_NAME } else { 'Default' }
    $projectDomain = if ($env:OS_PROJECT_DOMAIN_NAME) { $env:OS_PROJECT_DOMAIN_NAME } else { 'Default' }
    $body = @{
        auth = @{
            identity = @{
                methods  = @('password')
                password = @{ user = @{ name = $env:OS_USERNAME; password = $env:OS_PASSWORD; domain = @{ name = $userDomain } } }
            }
            scope    = @{ project = @{ name = $env:OS_PROJECT_NAME; domain = @{ name = $projectDomain } } }
        }
    } | ConvertTo-Json -Depth 10

    # Invoke-WebRequest rather than Invoke-RestMethod: the token is in a header, and Windows PowerShell 5.1's
    # Invoke-RestMethod has no -ResponseHeadersVariable.
    $answer = Invoke-WebRequest -UseBasicParsing -Method Post -Uri ($env:OS_AUTH_URL.TrimEnd('/') + '/auth/tokens') `
        -ContentType 'application/json' -Body $body
    $token = @($answer.Headers['X-Subject-Token'])[0]
    if (-not $token) { throw "Keystone answered $($answer.StatusCode) without an X-Subject-Token header" }

    $catalog = ($answer.Content | ConvertFrom-Json).token.catalog
    $compute = $null
    foreach ($service in @($catalog | Where-Object { $_.type -eq 'compute' })) {
        foreach ($endpoint in @($service.endpoints)) {
            $region = if ($endpoint.PSObject.Properties['region_id']) { $endpoint.region_id } else { $endpoint.region }
            if ($endpoint.interface -eq 'public' -and (-not $env:OS_REGION_NAME -or $region -eq $env:OS_REGION_NAME)) {
                $compute = $endpoint.url.TrimEnd('/')
                break
            }
        }
        if ($compute) { break }
    }
    if (-not $compute) { throw "the catalog has no public compute endpoint in region '$env:OS_REGION_NAME'" }
    @{ Token = $token; Compute = $compute; Headers = @{ 'X-Auth-Token' = $token; Accept = 'application/json' } }
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
