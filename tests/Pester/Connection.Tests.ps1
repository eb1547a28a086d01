# Connect-ComputeService, Get-ComputeConnection, Disconnect-ComputeService: every parameter set, the
# catalog, regions, failures, token expiry. Runs on the emulator and on real OpenStack (Keystone v3);
# Keystone v2.0, API keys and token expiry are emulator-only.
# Bad input of every parameter set (and of the OS_* variables) is refused before anything is sent (-ForEach cases);
# connections are pinned in ConvertTo-Json (no secret), Export-Csv and TokenExpires date arithmetic.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Enter-ComputeModuleTest
    if (Test-EmulatorBackend) { Reset-Emulator }
}

AfterAll {
    Exit-ComputeModuleTest
}

Describe 'Connect-ComputeService' {
    Context 'Password parameter set (Keystone v3 from the OS_* variables)' {
        BeforeAll {
            $connection = Connect-TestCloud
        }

        It 'returns a ComputeConnection for the project and region' {
            $connection | Should -HaveCount 1
            $connection | Should -BeOfType 'ComputeModule.Models.ComputeConnection'
            $connection.IdentityVersion | Should -Be 'v3'
            $connection.UserName | Should -Be $env:OS_USERNAME
            $connection.ProjectName | Should -Be $env:OS_PROJECT_NAME
            $connection.ProjectId | Should -Not -BeNullOrEmpty
            $connection.Region | Should -Be $env:OS_REGION_NAME
            $connection.Regions | Should -Contain $env:OS_REGION_NAME
            $connection.AuthUrl | Should -Not -BeNullOrEmpty
        }

        It 'takes the compute endpoint from the service catalog' {
            $catalog = Get-TestToken
            $connection.ComputeEndpoint | Should -BeOfType ([uri])
            $connection.ComputeEndpoint.IsAbsoluteUri | Should -BeTrue
            $connection.ComputeEndpoint.AbsoluteUri.TrimEnd('/') | Should -Be $catalog.ComputeEndpoint.AbsoluteUri.TrimEnd('/')
        }

        It 'reports when the token expires' {
            $connection.TokenExpires | Should -Not -BeNullOrEmpty
            $connection.TokenExpires | Should -BeGreaterThan ([DateTimeOffset]::UtcNow)
        }

        It 'becomes the current connection' {
            $current = Get-ComputeConnection
            $current | Should -HaveCount 1
            $current.ComputeEndpoint | Should -Be $connection.ComputeEndpoint
            $current.ProjectId | Should -Be $connection.ProjectId
        }

        It 'exposes neither the password nor the token' {
            $names = @($connection.PSObject.Properties | ForEach-Object { $_.Name })
            $names | Should -Not -Contain 'Token'
            $names | Should -Not -Contain 'Password'
            $names | Should -Not -Contain 'AuthToken'
            $text = ($connection.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" }) -join ';'
            $text += ';' + $connection.ToString()
            $text | Should -Not -Match ([regex]::Escape($env:OS_PASSWORD))
        }

        It 'connects with -ProjectId instead of -ProjectName' {
            $parameters = Get-TestConnectParameters
            $parameters.Remove('ProjectName')
            $parameters.Remove('ProjectDomainName')
            $parameters.ProjectId = $connection.ProjectId
            $byId = Connect-ComputeService @parameters -ErrorAction Stop
            $byId.ProjectId | Should -Be $connection.ProjectId
            $byId.ComputeEndpoint | Should -Be $connection.ComputeEndpoint
            $null = Connect-TestCloud
        }

        It 'lets a cmdlet use the connection' {
            { Get-ComputeServer -Limit 1 -ErrorAction Stop } | Should -Not -Throw
            { Get-ComputeServer -Limit 1 -Connection $connection -ErrorAction Stop } | Should -Not -Throw
        }
    }

    Context 'Environment parameter set' {
        It 'connects from the OS_* variables with no arguments' {
            $connection = Connect-ComputeService -ErrorAction Stop
            $connection.IdentityVersion | Should -Be 'v3'
            $connection.Region | Should -Be $env:OS_REGION_NAME
            $connection.ProjectName | Should -Be $env:OS_PROJECT_NAME
        }
    }

    Context 'Token parameter set' {
        It 'connects with a token and an endpoint and lists servers' {
            $token = Get-TestToken
            $connection = Connect-ComputeService -Token (ConvertTo-SecureString -String $token.Token -AsPlainText -Force) -Endpoint $token.ComputeEndpoint -ErrorAction Stop
            $connection.IdentityVersion | Should -Be 'token'
            $connection.ComputeEndpoint.AbsoluteUri.TrimEnd('/') | Should -Be $token.ComputeEndpoint.AbsoluteUri.TrimEnd('/')
            { Get-ComputeServer -Limit 1 -Connection $connection -ErrorAction Stop } | Should -Not -Throw
        }

        It 'gives a clear AuthenticationFailed error for a bad token (401)' {
            $token = Get-TestToken
            $bad = Connect-ComputeService -Token (ConvertTo-SecureString -String 'not-a-valid-token' -AsPlainText -Force) -Endpoint $token.ComputeEndpoint -ErrorAction Stop
            $failure = { Get-ComputeServer -Limit 1 -Connection $bad -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed*' -PassThru
            $failure.CategoryInfo.Category | Should -BeIn @('PermissionDenied', 'SecurityError', 'AuthenticationError')
            $failure.Exception.Message | Should -Not -BeNullOrEmpty
            $failure.Exception.Message | Should -Not -Match 'not-a-valid-token'
        }
    }

    Context 'failures' {
        It 'a wrong password gives AuthenticationFailed' {
            $parameters = Get-TestConnectParameters
            $parameters.Credential = [System.Management.Automation.PSCredential]::new($env:OS_USERNAME, (ConvertTo-SecureString -String 'wrong-password-123' -AsPlainText -Force))
            $failure = { Connect-ComputeService @parameters -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed*' -PassThru
            $failure.Exception.Message | Should -Not -Match 'wrong-password-123'
        }

        It 'an unknown region gives RegionNotFound' {
            $parameters = Get-TestConnectParameters
            $parameters.Region = 'NoSuchRegion'
            { Connect-ComputeService @parameters -ErrorAction Stop } | Should -Throw -ErrorId 'RegionNotFound*'
        }

        It 'an unreachable identity service fails without hanging' {
            $parameters = Get-TestConnectParameters
            $parameters.AuthUrl = [uri] 'http://127.0.0.1:9/v3'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            { Connect-ComputeService @parameters -ErrorAction Stop } | Should -Throw
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        }
    }

    Context 'Keystone v2.0, API keys and regions' -Tag 'EmulatorOnly' {
        BeforeAll {
            $v2 = [uri] ((Get-EmulatorUrl) + 'v2.0')
        }

        It 'connects with a password to Keystone v2.0' {
            $connection = Connect-ComputeService -AuthUrl $v2 -Credential (Get-TestCredential) -TenantName 'demo' -Region 'RegionOne' -ErrorAction Stop
            $connection.IdentityVersion | Should -Be 'v2.0'
            $connection.ProjectId | Should -Be '1234'
            $connection.ComputeEndpoint.AbsoluteUri | Should -Match '/1234/?$'
        }

        It 'connects with an API key (ApiKey parameter set)' {
            $connection = Connect-ComputeService -AuthUrl $v2 -UserName 'demo' -ApiKey (ConvertTo-SecureString -String 'demo-api-key' -AsPlainText -Force) -TenantId '1234' -Region 'RegionOne' -ErrorAction Stop
            $connection.IdentityVersion | Should -Be 'v2.0'
            $connection.UserName | Should -Be 'demo'
            { Get-ComputeServer -Limit 1 -Connection $connection -ErrorAction Stop } | Should -Not -Throw
        }

        It 'a wrong API key gives AuthenticationFailed' {
            { Connect-ComputeService -AuthUrl $v2 -UserName 'demo' -ApiKey (ConvertTo-SecureString -String 'wrong-key' -AsPlainText -Force) -TenantName 'demo' -Region 'RegionOne' -ErrorAction Stop } |
                Should -Throw -ErrorId 'AuthenticationFailed*'
        }

        It 'tries v3 when the AuthUrl names no version' {
            $connection = Connect-ComputeService -AuthUrl ([uri] (Get-EmulatorUrl)) -Credential (Get-TestCredential) -ProjectName 'demo' -UserDomainName 'Default' -ProjectDomainName 'Default' -Region 'RegionOne' -ErrorAction Stop
            $connection.IdentityVersion | Should -Be 'v3'
        }

        It 'asks for -Region when the catalog has several and none is given' {
            $parameters = Get-TestConnectParameters
            $parameters.Remove('Region')
            $saved = $env:OS_REGION_NAME
            try {
                $env:OS_REGION_NAME = $null
                $failure = { Connect-ComputeService @parameters -ErrorAction Stop } | Should -Throw -ErrorId 'RegionNotFound*' -PassThru
                $failure.Exception.Message | Should -Match 'RegionTwo'
            }
            finally {
                $env:OS_REGION_NAME = $saved
            }
        }

        It 'connects to the second region, whose endpoint the catalog names' {
            $parameters = Get-TestConnectParameters
            $parameters.Region = 'RegionTwo'
            $connection = Connect-ComputeService @parameters -ErrorAction Stop
            $connection.Region | Should -Be 'RegionTwo'
            $connection.Regions | Should -Contain 'RegionOne'
            $connection.Regions | Should -Contain 'RegionTwo'
            $first = Connect-TestCloud
            $connection.ComputeEndpoint | Should -Not -Be $first.ComputeEndpoint
        }

        It 'keeps regions apart: servers seeded into RegionTwo are listed there only' {
            Reset-Emulator
            $null = Initialize-EmulatorSeed -Servers 3 -Seed 11 -Region 'RegionTwo'
            $parameters = Get-TestConnectParameters
            $parameters.Region = 'RegionTwo'
            $two = Connect-ComputeService @parameters -ErrorAction Stop
            $one = Connect-TestCloud
            @(Get-ComputeServer -All -Connection $two) | Should -HaveCount 3
            @(Get-ComputeServer -All -Connection $one) | Should -HaveCount 0
            (Get-ComputeServer -All -Connection $two) | ForEach-Object { $_.Region | Should -Be 'RegionTwo' }
        }
    }
}

Describe 'Expired tokens' -Tag 'EmulatorOnly' {
    BeforeAll {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 3 -Seed 5
    }

    It 'renews an expired token and the next call still succeeds' {
        $null = Connect-TestCloud
        $null = Get-ComputeServer -Limit 1 -ErrorAction Stop
        Clear-EmulatorRequestLog
        Revoke-EmulatorToken
        $servers = @(Get-ComputeServer -All -ErrorAction Stop)
        $servers | Should -HaveCount 3
        $log = @(Get-EmulatorRequestLog)
        $auth = @($log | Where-Object { $_.method -eq 'POST' -and $_.path -like '*auth/tokens*' })
        $auth | Should -HaveCount 1 -Because 'the module re-authenticates once'
        $auth[0].status | Should -Be 201
        @($log | Where-Object { $_.path -like '*servers*' -and $_.status -eq 200 }).Count | Should -BeGreaterOrEqual 1
    }

    It 'a token connection cannot renew and says so with AuthenticationFailed' {
        $token = Get-TestToken
        $connection = Connect-ComputeService -Token (ConvertTo-SecureString -String $token.Token -AsPlainText -Force) -Endpoint $token.ComputeEndpoint -ErrorAction Stop
        Revoke-EmulatorToken
        { Get-ComputeServer -Limit 1 -Connection $connection -ErrorAction Stop } | Should -Throw -ErrorId 'AuthenticationFailed*'
    }
}

Describe 'Connect-ComputeService refuses bad input before sending anything' -Tag 'EmulatorOnly' {
    BeforeAll {
        # Placeholders in the cases, filled in at run time: secrets and the cloud's URL are not known during discovery.
        function Resolve-TestConnectArgument {
            param([hashtable] $Arguments)
            $resolved = @{}
            foreach ($name in $Arguments.Keys) {
                $value = $Arguments[$name]
                if ($value -is [string] -and $value -eq '<credential>') { $value = Get-TestCredential }
                elseif ($value -is [string] -and $value -eq '<secret>') { $value = ConvertTo-SecureString -String 'not-a-real-secret' -AsPlainText -Force }
                elseif ($value -is [string] -and $value -eq '<authurl>') { $value = [uri] $env:OS_AUTH_URL }
                $resolved[$name] = $value
            }
            $resolved
        }
    }

    It '<Set> set, <Case>: <ErrorId>' -ForEach @(
        @{ Set = 'Password'; Case = 'an ftp -AuthUrl'; Arguments = @{ AuthUrl = 'ftp://example.com/v3'; Credential = '<credential>' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'Password'; Case = 'a relative -AuthUrl'; Arguments = @{ AuthUrl = 'identity/v3'; Credential = '<credential>' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'Password'; Case = 'a file -AuthUrl'; Arguments = @{ AuthUrl = 'file:///tmp/identity/v3'; Credential = '<credential>' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'Password'; Case = '-AuthUrl $null'; Arguments = @{ AuthUrl = $null; Credential = '<credential>' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'Password'; Case = 'an empty -Region'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; Region = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'Password'; Case = 'an empty -ProjectName'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; ProjectName = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'Password'; Case = 'an empty -ProjectId'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; ProjectId = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'Password'; Case = 'an empty -UserDomainName'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; UserDomainName = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'Password'; Case = 'an empty -ProjectDomainName'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; ProjectDomainName = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'ApiKey'; Case = 'an empty -UserName'; Arguments = @{ AuthUrl = '<authurl>'; UserName = ''; ApiKey = '<secret>' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'ApiKey'; Case = '-ApiKey $null'; Arguments = @{ AuthUrl = '<authurl>'; UserName = 'demo'; ApiKey = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'ApiKey'; Case = 'an ftp -AuthUrl'; Arguments = @{ AuthUrl = 'ftp://example.com/v2.0'; UserName = 'demo'; ApiKey = '<secret>' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'ApiKey'; Case = 'a v3 -AuthUrl (API keys are v2.0 only)'; Arguments = @{ AuthUrl = '<authurl>'; UserName = 'demo'; ApiKey = '<secret>'; ProjectName = 'demo' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'Token'; Case = 'an ftp -Endpoint'; Arguments = @{ Token = '<secret>'; Endpoint = 'ftp://example.com/v2.1/1234' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'Token'; Case = 'a relative -Endpoint'; Arguments = @{ Token = '<secret>'; Endpoint = 'v2.1/1234' }; ErrorId = 'InvalidParameter' }
        @{ Set = 'Token'; Case = '-Endpoint $null'; Arguments = @{ Token = '<secret>'; Endpoint = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'Token'; Case = '-Token $null'; Arguments = @{ Token = $null; Endpoint = 'http://127.0.0.1:9/v2.1/1234' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Set = 'no single'; Case = '-Token with -Credential'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; Token = '<secret>' }; ErrorId = 'AmbiguousParameterSet' }
        @{ Set = 'no single'; Case = '-Token with -ProjectName'; Arguments = @{ Token = '<secret>'; Endpoint = 'http://127.0.0.1:9/v2.1/1234'; ProjectName = 'demo' }; ErrorId = 'AmbiguousParameterSet' }
        @{ Set = 'no single'; Case = '-ApiKey with -Credential'; Arguments = @{ AuthUrl = '<authurl>'; Credential = '<credential>'; UserName = 'demo'; ApiKey = '<secret>' }; ErrorId = 'AmbiguousParameterSet' }
    ) {
        $arguments = Resolve-TestConnectArgument $Arguments
        Clear-EmulatorRequestLog
        { Connect-ComputeService @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.ConnectComputeServiceCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It 'an API key with a v3 -AuthUrl says API keys need identity v2.0, and sends nothing' {
        $arguments = Resolve-TestConnectArgument @{ AuthUrl = '<authurl>'; UserName = 'demo'; ApiKey = '<secret>'; ProjectName = 'demo' }
        Clear-EmulatorRequestLog
        { Connect-ComputeService @arguments -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,ComputeModule.Commands.ConnectComputeServiceCommand' -ExpectedMessage '*v2.0*'
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It 'Environment set, <Case>: InvalidParameter, and the OS_* variables are as they were' -ForEach @(
        @{ Case = 'neither OS_AUTH_URL nor OS_TOKEN'; Environment = @{ OS_AUTH_URL = $null; OS_TOKEN = $null } }
        @{ Case = 'an OS_AUTH_URL that is not a URL'; Environment = @{ OS_AUTH_URL = 'not a url' } }
        @{ Case = 'an ftp OS_AUTH_URL'; Environment = @{ OS_AUTH_URL = 'ftp://example.com/v3' } }
        @{ Case = 'no OS_PASSWORD'; Environment = @{ OS_PASSWORD = $null; OS_API_KEY = $null } }
        @{ Case = 'no OS_USERNAME'; Environment = @{ OS_USERNAME = $null; OS_USER_ID = $null } }
    ) {
        $before = Get-TestEnvironment
        try {
            foreach ($name in $Environment.Keys) { Set-TestEnvironmentVariable -Name $name -Value $Environment[$name] -Confirm:$false }
            Clear-EmulatorRequestLog
            { Connect-ComputeService -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidParameter,ComputeModule.Commands.ConnectComputeServiceCommand'
            @(Get-EmulatorRequestLog) | Should -HaveCount 0
        }
        finally {
            Restore-TestEnvironment -Saved $before -Confirm:$false
        }
        $after = Get-TestEnvironment
        @($after.Keys | Sort-Object) | Should -Be @($before.Keys | Sort-Object)
        foreach ($name in $before.Keys) { $after[$name] | Should -BeExactly $before[$name] }
    }
}

Describe 'Connections in the object pipeline' {
    BeforeAll {
        $connection = Connect-TestCloud
    }

    It 'ConvertTo-Json shows the connection''s properties and no secret' {
        $json = $connection | ConvertTo-Json
        $json | Should -Not -Match ([regex]::Escape($env:OS_PASSWORD))
        $json | Should -Not -Match 'emu[0-9a-f]{32}' -Because 'that is an emulator token'
        $json | Should -Not -Match 'gAAAAA[A-Za-z0-9_\-]{40,}' -Because 'that is a Keystone Fernet token'
        $back = ConvertFrom-Json -InputObject $json
        $names = @($back.PSObject.Properties | ForEach-Object { $_.Name })
        foreach ($secret in 'Token', 'Password', 'AuthToken', 'Session', 'ApiKey') { $names | Should -Not -Contain $secret }
        foreach ($name in 'IdentityVersion', 'UserName', 'ProjectName', 'ProjectId', 'Region') { $back.$name | Should -Be $connection.$name -Because "property $name" }
        @($back.Regions) | Should -Be @($connection.Regions)
        "$($back.ComputeEndpoint)".TrimEnd('/') | Should -Be $connection.ComputeEndpoint.AbsoluteUri.TrimEnd('/')
        ([datetime] $back.TokenExpires).ToUniversalTime() | Should -Be $connection.TokenExpires.UtcDateTime
    }

    It 'Export-Csv and Import-Csv keep the scalar properties' {
        $path = Join-Path $TestDrive 'connection.csv'
        $connection | Export-Csv -LiteralPath $path -NoTypeInformation
        $text = [System.IO.File]::ReadAllText($path)
        $text | Should -Not -Match ([regex]::Escape($env:OS_PASSWORD))
        $row = @(Import-Csv -LiteralPath $path)
        $row | Should -HaveCount 1
        foreach ($name in 'IdentityVersion', 'UserName', 'ProjectName', 'ProjectId', 'Region', 'IsClosed') { $row[0].$name | Should -Be "$($connection.$name)" -Because "column $name" }
        $row[0].ComputeEndpoint | Should -Be $connection.ComputeEndpoint.AbsoluteUri
        [DateTimeOffset]::Parse($row[0].TokenExpires).ToUnixTimeSeconds() | Should -Be $connection.TokenExpires.ToUnixTimeSeconds()
    }

    It 'Export-Csv writes Regions readably (known defect, issue 11: the column holds the type name System.String[])' -Skip {
        $path = Join-Path $TestDrive 'connection-regions.csv'
        $connection | Export-Csv -LiteralPath $path -NoTypeInformation
        $row = @(Import-Csv -LiteralPath $path)[0]
        $row.Regions | Should -Not -Be 'System.String[]'
        foreach ($region in $connection.Regions) { $row.Regions | Should -Match ([regex]::Escape($region)) }
    }

    It 'Select-Object -Property picks what a report needs' {
        $picked = $connection | Select-Object -Property UserName, Region, ComputeEndpoint
        @($picked.PSObject.Properties | ForEach-Object { $_.Name }) | Should -Be @('UserName', 'Region', 'ComputeEndpoint')
        $picked.Region | Should -Be $connection.Region
    }
}

Describe 'TokenExpires in date arithmetic' {
    BeforeAll {
        $connection = Connect-TestCloud
    }

    It '$connection.TokenExpires - (Get-Date) is the time left, positive' {
        $left = $connection.TokenExpires - (Get-Date)
        $left | Should -BeOfType ([TimeSpan])
        $left | Should -BeGreaterThan ([TimeSpan]::Zero)
    }

    It '$connection.TokenExpires -gt (Get-Date) is true' {
        $connection.TokenExpires -gt (Get-Date) | Should -BeTrue
        $connection.TokenExpires -lt (Get-Date).AddYears(1) | Should -BeTrue
    }

    It 'Get-ComputeConnection | Where-Object TokenExpires -gt (Get-Date) keeps the current connection' {
        $valid = @(Get-ComputeConnection | Where-Object TokenExpires -gt (Get-Date))
        $valid | Should -HaveCount 1
        $valid[0].ProjectId | Should -Be $connection.ProjectId
        @(Get-ComputeConnection | Where-Object TokenExpires -lt (Get-Date)) | Should -HaveCount 0
    }

    It '(Get-Date) -lt $connection.TokenExpires with the date on the left (known defect, issue 11: Could not compare "(now)" to "(TokenExpires)". Error: "Cannot convert the "..." value of type "System.DateTimeOffset" to type "System.DateTime"")' -Skip {
        (Get-Date) -lt $connection.TokenExpires | Should -BeTrue
    }

    It 'New-TimeSpan -End $connection.TokenExpires is the time left (known defect, issue 11: Cannot bind parameter ''End''. Cannot convert the "..." value of type "System.DateTimeOffset" to type "System.DateTime")' -Skip {
        New-TimeSpan -End $connection.TokenExpires | Should -BeGreaterThan ([TimeSpan]::Zero)
    }
}

Describe 'Disconnect-ComputeService' {
    It 'forgets the current connection; cmdlets then fail with NotConnected' {
        $null = Connect-TestCloud
        Disconnect-ComputeService -ErrorAction Stop
        @(Get-ComputeConnection -ErrorAction SilentlyContinue) | Should -HaveCount 0
        { Get-ComputeServer -Limit 1 -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected*'
        $null = Connect-TestCloud
    }

    It 'disconnects a connection given by -Connection' {
        $connection = Connect-TestCloud
        { Disconnect-ComputeService -Connection $connection -ErrorAction Stop } | Should -Not -Throw
        $null = Connect-TestCloud
    }
}
