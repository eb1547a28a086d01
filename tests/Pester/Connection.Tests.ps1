# Connect-ComputeService, Get-ComputeConnection, Disconnect-ComputeService: every parameter set, the
# catalog, regions, failures, token expiry. Runs on the emulator and on real OpenStack (Keystone v3);
# Keystone v2.0, API keys and token expiry are emulator-only.

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
