# Get-ComputeServer: both parameter sets, every filter, paging (pages, markers, -All, early stop),
# pipeline input, per-item errors. Works on the emulator (seeded) and on real Nova (reads what exists).

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Enter-ComputeModuleTest
    if (Test-EmulatorBackend) {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 12 -Seed 3
    }
    $null = Connect-TestCloud
    $all = @(Get-ComputeServer -All -ErrorAction Stop)
}

AfterAll {
    Exit-ComputeModuleTest
}

Describe 'Get-ComputeServer' {
    Context 'List parameter set' {
        It 'lists ComputeServer objects with their fields' {
            $all.Count | Should -BeGreaterOrEqual 3 -Because 'the backend is seeded with servers'
            foreach ($server in $all) {
                $server | Should -BeOfType 'ComputeModule.Models.ComputeServer'
                $server.Id | Should -Not -BeNullOrEmpty
                $server.Name | Should -Not -BeNullOrEmpty
                $server.Status | Should -Not -BeNullOrEmpty
                $server.FlavorId | Should -Not -BeNullOrEmpty
                $server.Region | Should -Be $env:OS_REGION_NAME
            }
            @($all | ForEach-Object { $_.Id } | Where-Object { $_ }) | Should -HaveCount $all.Count
        }

        It 'lists distinct servers' {
            $seen = @{}
            foreach ($server in $all) {
                $seen.ContainsKey($server.Id) | Should -BeFalse -Because "server $($server.Id) must be listed once"
                $seen[$server.Id] = $true
            }
        }

        It 'filters by -Name' {
            $target = $all[0]
            $found = @(Get-ComputeServer -Name $target.Name -All -ErrorAction Stop)
            @($found | ForEach-Object { $_.Id }) | Should -Contain $target.Id
            foreach ($server in $found) { $server.Name | Should -Match ([regex]::Escape($target.Name)) }
            @(Get-ComputeServer -Name 'no-server-has-this-name-7f3a' -All -ErrorAction Stop) | Should -HaveCount 0
        }

        It 'filters by -Status' {
            $status = $all[0].Status
            $found = @(Get-ComputeServer -Status $status -All -ErrorAction Stop)
            $found.Count | Should -Be @($all | Where-Object { $_.Status -eq $status }).Count
            foreach ($server in $found) { $server.Status | Should -Be $status }
        }

        It 'filters by -Image' {
            $withImage = @($all | Where-Object { $_.ImageId })
            $withImage.Count | Should -BeGreaterThan 0
            $imageId = $withImage[0].ImageId
            $found = @(Get-ComputeServer -Image $imageId -All -ErrorAction Stop)
            $found.Count | Should -Be @($all | Where-Object { $_.ImageId -eq $imageId }).Count
            foreach ($server in $found) { $server.ImageId | Should -Be $imageId }
        }

        It 'filters by -Flavor' {
            $flavorId = $all[0].FlavorId
            $found = @(Get-ComputeServer -Flavor $flavorId -All -ErrorAction Stop)
            $found.Count | Should -Be @($all | Where-Object { $_.FlavorId -eq $flavorId }).Count
            foreach ($server in $found) { $server.FlavorId | Should -Be $flavorId }
        }

        It 'filters by -ChangesSince' {
            @(Get-ComputeServer -ChangesSince ([DateTime]::UtcNow.AddDays(1)) -All -ErrorAction Stop) | Should -HaveCount 0
            $since = @(Get-ComputeServer -ChangesSince ([DateTime]::UtcNow.AddYears(-5)) -All -ErrorAction Stop)
            foreach ($server in $all) { @($since | ForEach-Object { $_.Id }) | Should -Contain $server.Id }
        }

        It 'returns one page with -Limit' {
            $page = @(Get-ComputeServer -Limit 2 -ErrorAction Stop)
            $page | Should -HaveCount 2
            $page[0].Id | Should -Be $all[0].Id
            $page[1].Id | Should -Be $all[1].Id
        }

        It 'continues after -Marker' {
            $page = @(Get-ComputeServer -Limit 2 -Marker $all[1].Id -ErrorAction Stop)
            $page | Should -HaveCount 2
            $page[0].Id | Should -Be $all[2].Id
        }

        It 'walks every page with -All and a small -Limit' {
            $paged = @(Get-ComputeServer -All -Limit 2 -ErrorAction Stop)
            $paged | Should -HaveCount $all.Count
            for ($i = 0; $i -lt $all.Count; $i++) { $paged[$i].Id | Should -Be $all[$i].Id }
        }

        It 'walks pages with -All and -Marker together' {
            $rest = @(Get-ComputeServer -All -Limit 2 -Marker $all[0].Id -ErrorAction Stop)
            $rest | Should -HaveCount ($all.Count - 1)
            $rest[0].Id | Should -Be $all[1].Id
        }
    }

    Context 'Id parameter set' {
        It 'gets a server by -Id' {
            $server = Get-ComputeServer -Id $all[0].Id -ErrorAction Stop
            $server | Should -HaveCount 1
            $server.Id | Should -Be $all[0].Id
            $server.Name | Should -Be $all[0].Name
        }

        It 'gets several servers by -Id in order' {
            $ids = @($all[2].Id, $all[0].Id, $all[1].Id)
            $found = @(Get-ComputeServer -Id $ids -ErrorAction Stop)
            $found | Should -HaveCount 3
            @($found | ForEach-Object { $_.Id }) | Should -Be $ids
        }

        It 'accepts the ServerId alias' {
            (Get-ComputeServer -ServerId $all[0].Id -ErrorAction Stop).Id | Should -Be $all[0].Id
        }

        It 'takes several servers from the pipeline by property name' {
            $found = @($all[0], $all[1], $all[2] | Get-ComputeServer -ErrorAction Stop)
            @($found | ForEach-Object { $_.Id }) | Should -Be @($all[0].Id, $all[1].Id, $all[2].Id)
        }

        It 'takes Id and ServerId properties of any piped object' {
            $found = @([pscustomobject] @{ Id = $all[0].Id }, [pscustomobject] @{ ServerId = $all[1].Id } | Get-ComputeServer -ErrorAction Stop)
            @($found | ForEach-Object { $_.Id }) | Should -Be @($all[0].Id, $all[1].Id)
        }

        It 'an unknown id gives ServerNotFound with the id as target' {
            $errors = $null
            $found = @(Get-ComputeServer -Id 'aaaaaaaa-0000-4000-8000-000000000000' -ErrorAction SilentlyContinue -ErrorVariable errors)
            $found | Should -HaveCount 0
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ServerNotFound*'
            $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errors[0].TargetObject | Should -Be 'aaaaaaaa-0000-4000-8000-000000000000'
        }

        It 'an error on one of five piped ids leaves the other four done' {
            $missing = 'bbbbbbbb-0000-4000-8000-000000000000'
            $inputs = @($all[0].Id, $all[1].Id, $missing, $all[2].Id, $all[0].Id) | ForEach-Object { [pscustomobject] @{ Id = $_ } }
            $errors = $null
            $found = @($inputs | Get-ComputeServer -ErrorAction SilentlyContinue -ErrorVariable errors)
            $found | Should -HaveCount 4
            @($found | ForEach-Object { $_.Id }) | Should -Be @($all[0].Id, $all[1].Id, $all[2].Id, $all[0].Id)
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -BeLike 'ServerNotFound*'
            $errors[0].TargetObject | Should -Be $missing
        }

        It 'a missing server with -ErrorAction Stop terminates' {
            { Get-ComputeServer -Id 'cccccccc-0000-4000-8000-000000000000' -ErrorAction Stop } | Should -Throw -ErrorId 'ServerNotFound*'
        }
    }

    Context 'parameter validation' {
        It 'refuses a -Limit below 1' {
            { Get-ComputeServer -Limit 0 -ErrorAction Stop } | Should -Throw
        }

        It 'refuses -Id together with list filters' {
            { Get-ComputeServer -Id $all[0].Id -Status 'ACTIVE' -ErrorAction Stop } | Should -Throw
        }
    }
}

Describe 'Get-ComputeServer paging on the wire' -Tag 'EmulatorOnly' {
    BeforeAll {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 23 -Seed 9
        $null = Connect-TestCloud
        $listRequests = {
            @(Get-EmulatorRequestLog | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/servers*' })
        }
    }

    It 'requests page after page with limit and marker' {
        Clear-EmulatorRequestLog
        $servers = @(Get-ComputeServer -All -Limit 5 -ErrorAction Stop)
        $servers | Should -HaveCount 23
        $requests = & $listRequests
        $requests.Count | Should -BeIn @(5, 6) -Because '23 servers at 5 per page are 5 pages (plus at most one empty page)'
        foreach ($r in $requests) { $r.query | Should -Match 'limit=5' }
        @($requests | Where-Object { $_.query -match 'marker=' }).Count | Should -Be ($requests.Count - 1)
    }

    It 'stops paging when a downstream command stops early' {
        Clear-EmulatorRequestLog
        $first = @(Get-ComputeServer -All -Limit 5 | Select-Object -First 3)
        $first | Should -HaveCount 3
        $requests = & $listRequests
        $requests | Should -HaveCount 1 -Because 'three items come from the first page; no second page may be fetched'
    }

    It 'stops paging after the items of the second page that were needed' {
        Clear-EmulatorRequestLog
        $first = @(Get-ComputeServer -All -Limit 5 | Select-Object -First 7)
        $first | Should -HaveCount 7
        (& $listRequests) | Should -HaveCount 2
    }

    It 'a single -Limit call makes one request' {
        Clear-EmulatorRequestLog
        @(Get-ComputeServer -Limit 5 -ErrorAction Stop) | Should -HaveCount 5
        (& $listRequests) | Should -HaveCount 1
    }

    It 'writes the first page before fetching the second' {
        Clear-EmulatorRequestLog
        $seenBeforeSecondPage = $null
        Get-ComputeServer -All -Limit 5 | ForEach-Object -Begin { $n = 0 } -Process {
            $n++
            if ($n -eq 1) { $seenBeforeSecondPage = @(& $listRequests).Count }
        }
        $seenBeforeSecondPage | Should -Be 1 -Because 'items stream as their page arrives (no buffering of all pages)'
    }

    It 'guards against a server that repeats the same marker' {
        # Each page is asked for with the marker of the page before; the module must never ask twice for the same one.
        Clear-EmulatorRequestLog
        $null = @(Get-ComputeServer -All -Limit 4 -ErrorAction Stop)
        $markers = @(& $listRequests | ForEach-Object { $_.query } | Where-Object { $_ -match 'marker=' })
        $unique = @{}
        foreach ($m in $markers) { $unique[$m] = $true }
        $unique.Count | Should -Be $markers.Count
    }
}
