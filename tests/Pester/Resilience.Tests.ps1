# Retries (413/429/503), token renewal, Ctrl+C during slow requests, and no secrets in verbose or debug
# output. Fault injection and the request log exist only on the emulator; the secret checks run on both.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Enter-ComputeModuleTest
    $modulePath = Get-ComputeModuleUnderTestPath
    if (Test-EmulatorBackend) {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 8 -Seed 12
    }
    $connection = Connect-TestCloud
    $servers = @(Get-TestActiveServer -Minimum 2)

    function Get-ServerRequest {
        param([string] $Id)
        @(Get-EmulatorRequestLog | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/servers/$Id" })
    }
}

AfterAll {
    Exit-ComputeModuleTest
}

Describe 'Retries' -Tag 'EmulatorOnly' {
    AfterEach {
        Clear-EmulatorFault
    }

    It 'retries a <Status> (<Why>) once, waits as Retry-After says, and the call succeeds' -ForEach @(
        @{ Status = 503; Why = 'service unavailable' }
        @{ Status = 413; Why = 'legacy overLimit' }
        @{ Status = 429; Why = 'too many requests' }
    ) {
        Clear-EmulatorRequestLog
        Set-EmulatorFault @{ errorRate = 1.0; statusCodes = @($Status); retryAfterSeconds = 1; count = 1; pathPattern = '/servers/'; methods = @('GET') }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        (Get-ComputeServer -Id $servers[0].Id -ErrorAction Stop).Id | Should -Be $servers[0].Id
        $watch.Elapsed.TotalMilliseconds | Should -BeGreaterOrEqual 900 -Because 'the module waits as long as Retry-After says'
        $attempts = Get-ServerRequest $servers[0].Id
        $attempts | Should -HaveCount 2
        $attempts[0].status | Should -Be $Status
        $attempts[1].status | Should -Be 200
    }

    It 'retries a 503 on a page of a listing and lists everything once' {
        Clear-EmulatorRequestLog
        Set-EmulatorFault @{ errorRate = 1.0; statusCodes = @(503); retryAfterSeconds = 1; count = 1; pathPattern = '/servers/detail'; methods = @('GET') }
        $listed = @(Get-ComputeServer -All -Limit 3 -ErrorAction Stop)
        $listed | Should -HaveCount @(Get-ComputeServer -All).Count
        $ids = @{}
        foreach ($s in $listed) { $ids[$s.Id] = $true }
        $ids.Count | Should -Be $listed.Count -Because 'a retried page must not repeat items'
    }

    It 'retries a snapshot request refused with a 503 fault and makes one image' {
        $name = Get-TestUniqueName 'cmtest-retry'
        Clear-EmulatorRequestLog
        Set-EmulatorFault @{ errorRate = 1.0; statusCodes = @(503); retryAfterSeconds = 1; count = 1; pathPattern = '/action'; methods = @('POST') }
        $image = New-ComputeImage -ServerId $servers[0].Id -Name $name -ErrorAction Stop
        $image.Name | Should -Be $name
        @(Get-EmulatorRequestLog | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/action' }) | Should -HaveCount 2
        @(Get-ComputeImage -Name $name -All -ErrorAction Stop) | Should -HaveCount 1
        Remove-ComputeImage -ImageId $image.Id -Confirm:$false -ErrorAction SilentlyContinue
    }

    It 'gives up on a persistent <Status> after a bounded number of attempts with <ErrorId>' -ForEach @(
        @{ Status = 503; ErrorId = 'ServiceUnavailable' }
        @{ Status = 429; ErrorId = 'RateLimited' }
    ) {
        Clear-EmulatorRequestLog
        Set-EmulatorFault @{ errorRate = 1.0; statusCodes = @($Status); retryAfterSeconds = 0; count = 50; pathPattern = '/servers/'; methods = @('GET') }
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $failure = { Get-ComputeServer -Id $servers[0].Id -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.GetComputeServerCommand" -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        $failure.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $failure.TargetObject | Should -Be $servers[0].Id
        $attempts = Get-ServerRequest $servers[0].Id
        $attempts.Count | Should -BeGreaterThan 1
        $attempts.Count | Should -BeLessOrEqual 10
        foreach ($attempt in $attempts) { $attempt.status | Should -Be $Status }
    }
}

Describe 'Token renewal' -Tag 'EmulatorOnly' {
    It 'renews an expired token: the call succeeds and the log shows one re-authentication' {
        $null = Connect-TestCloud
        Clear-EmulatorRequestLog
        Revoke-EmulatorToken
        (Get-ComputeServer -Id $servers[0].Id -ErrorAction Stop).Id | Should -Be $servers[0].Id
        $log = @(Get-EmulatorRequestLog)
        @($log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*auth/tokens*' }) | Should -HaveCount 1
        @($log | Where-Object { $_.path -like "*/servers/$($servers[0].Id)" -and $_.status -eq 200 }) | Should -HaveCount 1
    }

    It 'renews once for several piped items' {
        $null = Connect-TestCloud
        Clear-EmulatorRequestLog
        Revoke-EmulatorToken
        $found = @($servers[0], $servers[1], $servers[0] | Get-ComputeServer -ErrorAction Stop)
        $found | Should -HaveCount 3
        @(Get-EmulatorRequestLog | Where-Object { $_.method -eq 'POST' -and $_.path -like '*auth/tokens*' }) | Should -HaveCount 1
    }
}

Describe 'Ctrl+C' -Tag 'EmulatorOnly' {
    AfterEach {
        Clear-EmulatorFault
    }

    It 'stops a slow request at once' {
        $ps = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $modulePath)
            $null = $ps.Invoke()
            $ps.Commands.Clear()
            Set-EmulatorFault @{ errorRate = 0.0; latencyMs = 15000; pathPattern = '/servers'; methods = @('GET') }
            $null = $ps.AddCommand('Get-ComputeServer').AddParameter('All').AddParameter('Connection', $connection)
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 300
            $async.IsCompleted | Should -BeFalse -Because 'the request is still waiting on the 15 s latency'
            $stopWatch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $stopWatch.Elapsed.TotalSeconds | Should -BeLessThan 2
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
            $ps.InvocationStateInfo.State.ToString() | Should -Be 'Stopped'
        }
        finally {
            Clear-EmulatorFault
            $ps.Dispose()
        }
    }

    It 'stops New-ComputeImage while it waits for the snapshot' {
        $ps = [powershell]::Create([System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2())
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $modulePath)
            $null = $ps.Invoke()
            $ps.Commands.Clear()
            $name = Get-TestUniqueName 'cmtest-stop'
            $null = $ps.AddCommand('New-ComputeImage').AddParameter('ServerId', $servers[1].Id).AddParameter('Name', $name).AddParameter('Wait').AddParameter('Timeout', 600).AddParameter('Connection', $connection)
            $async = $ps.BeginInvoke()
            Start-Sleep -Milliseconds 700
            $async.IsCompleted | Should -BeFalse
            $stopWatch = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $stopWatch.Elapsed.TotalSeconds | Should -BeLessThan 2
            $ps.InvocationStateInfo.State.ToString() | Should -Be 'Stopped'
            Get-ComputeImage -Name $name -All -ErrorAction SilentlyContinue | Remove-TestImage
        }
        finally {
            $ps.Dispose()
        }
    }
}

Describe 'No secrets in verbose or debug output' {
    BeforeAll {
        function Assert-NoSecret {
            param([string] $Text, [string[]] $Secret)
            $Text | Should -Not -BeNullOrEmpty
            foreach ($s in $Secret) {
                if ($s) { $Text.Contains($s) | Should -BeFalse -Because 'a secret must never be written to any stream' }
            }
            # A token header with a real value (anything but a mask) must not appear either.
            $Text | Should -Not -Match 'X-(Auth|Subject)-Token\W{1,3}[A-Za-z0-9_\-]{16,}'
            # Token shapes: the emulator's, and Keystone's Fernet tokens.
            if (Test-EmulatorBackend) { $Text | Should -Not -Match 'emu[0-9a-f]{32}' -Because 'that is an emulator token' }
            $Text | Should -Not -Match 'gAAAAA[A-Za-z0-9_\-]{40,}' -Because 'that is a Keystone Fernet token'
        }
    }

    It 'password login and a listing write no password or token' {
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $text = Get-TestStreamText {
            $parameters = Get-TestConnectParameters
            $null = Connect-ComputeService @parameters -Verbose
            $null = Get-ComputeServer -Limit 2 -Verbose
        }
        $VerbosePreference = 'SilentlyContinue'
        $DebugPreference = 'SilentlyContinue'
        $text | Should -Match 'GET \S+servers'
        Assert-NoSecret -Text $text -Secret @($env:OS_PASSWORD)
    }

    It 'a token login writes no token' {
        $token = Get-TestToken
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $text = Get-TestStreamText {
            $c = Connect-ComputeService -Token (ConvertTo-SecureString -String $token.Token -AsPlainText -Force) -Endpoint $token.ComputeEndpoint -Verbose
            $null = Get-ComputeServer -Limit 2 -Connection $c -Verbose
        }
        $VerbosePreference = 'SilentlyContinue'
        $DebugPreference = 'SilentlyContinue'
        $text | Should -Match 'GET \S+servers'
        Assert-NoSecret -Text $text -Secret @($token.Token)
    }

    It 'failed logins write no password' {
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $parameters = Get-TestConnectParameters
        $parameters.Credential = [System.Management.Automation.PSCredential]::new($env:OS_USERNAME, (ConvertTo-SecureString -String 'Wrong-Secret-Pa55' -AsPlainText -Force))
        $text = Get-TestStreamText {
            try { $null = Connect-ComputeService @parameters -Verbose -ErrorAction Stop } catch { "$_ $($_.Exception)" }
        }
        $VerbosePreference = 'SilentlyContinue'
        $DebugPreference = 'SilentlyContinue'
        Assert-NoSecret -Text $text -Secret @('Wrong-Secret-Pa55', $env:OS_PASSWORD)
    }

    It 'API-key login and token renewal write no key or token' -Tag 'EmulatorOnly' {
        $VerbosePreference = 'Continue'
        $DebugPreference = 'Continue'
        $text = Get-TestStreamText {
            $c = Connect-ComputeService -AuthUrl ([uri] ((Get-EmulatorUrl) + 'v2.0')) -UserName 'demo' -ApiKey (ConvertTo-SecureString -String 'demo-api-key' -AsPlainText -Force) -TenantName 'demo' -Region 'RegionOne' -Verbose
            Revoke-EmulatorToken
            $null = Get-ComputeServer -Limit 2 -Connection $c -Verbose
        }
        $VerbosePreference = 'SilentlyContinue'
        $DebugPreference = 'SilentlyContinue'
        $text | Should -Match 'GET \S+servers'
        Assert-NoSecret -Text $text -Secret @('demo-api-key', 'demo-password')
    }

    It 'a connection rendered by <Render> shows no password or token' -ForEach @(
        @{ Render = 'Format-List *'; Script = { param($c) $c | Format-List * | Out-String -Width 200 } }
        @{ Render = 'Format-Table *'; Script = { param($c) $c | Format-Table * | Out-String -Width 400 } }
        @{ Render = 'ConvertTo-Json -Depth 5'; Script = { param($c) $c | ConvertTo-Json -Depth 5 } }
        @{ Render = 'ConvertTo-Csv'; Script = { param($c) ($c | ConvertTo-Csv -NoTypeInformation) -join [Environment]::NewLine } }
        @{ Render = 'ConvertTo-Xml'; Script = { param($c) ($c | ConvertTo-Xml -As String -Depth 3) } }
        @{ Render = 'Select-Object *'; Script = { param($c) $c | Select-Object * | Out-String -Width 200 } }
    ) {
        $token = Get-TestToken
        $byPassword = Connect-TestCloud
        $byToken = Connect-ComputeService -Token (ConvertTo-SecureString -String $token.Token -AsPlainText -Force) -Endpoint $token.ComputeEndpoint -ErrorAction Stop
        foreach ($c in $byPassword, $byToken) {
            $text = "$(& $Script $c)"
            $text | Should -Match ([regex]::Escape($c.ComputeEndpoint.Host)) -Because 'the rendering shows the connection'
            Assert-NoSecret -Text $text -Secret @($env:OS_PASSWORD, $token.Token)
        }
        $null = Connect-TestCloud
    }

    It 'error records carry no secret' {
        $token = Get-TestToken
        $c = Connect-ComputeService -Token (ConvertTo-SecureString -String $token.Token -AsPlainText -Force) -Endpoint $token.ComputeEndpoint -ErrorAction Stop
        $errors = $null
        $null = Get-ComputeServer -Id '44444444-0000-4000-8000-000000000000' -Connection $c -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors | Should -HaveCount 1
        $text = "$($errors[0]) $($errors[0].Exception) $($errors[0].ErrorDetails) $($errors[0].TargetObject)"
        Assert-NoSecret -Text $text -Secret @($token.Token, $env:OS_PASSWORD)
    }
}

Describe 'Verbose request lines' {
    It 'name the method, URL, status, time and page' {
        $null = Connect-TestCloud
        $records = @(Get-ComputeServer -All -Limit 2 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $lines = @($records | ForEach-Object { $_.Message } | Where-Object { $_ -match '^GET ' })
        $lines.Count | Should -BeGreaterOrEqual 2
        foreach ($line in $lines) { $line | Should -Match '^GET https?://\S+ -> \d{3} \(\d+ ms\)' }
        $lines[0] | Should -Match 'limit=2'
        @($lines | Where-Object { $_ -match 'page 2' }) | Should -Not -BeNullOrEmpty
    }
}
