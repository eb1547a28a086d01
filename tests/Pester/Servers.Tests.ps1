# Get-ComputeServer: both parameter sets, every filter, paging (pages, markers, -All, Select-Object -First),
# pipeline input, per-item errors, bad input refused before sending, the objects in Sort-Object, Group-Object,
# Export-Csv, ConvertTo-Json and date comparisons. Works on the emulator (seeded) and on real Nova (reads what exists).

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

        It 'filters by -<Parameter> (the <Property> of a listed server)' -ForEach @(
            @{ Parameter = 'Status'; Property = 'Status' }
            @{ Parameter = 'Image'; Property = 'ImageId' }
            @{ Parameter = 'Flavor'; Property = 'FlavorId' }
        ) {
            $withValue = @($all | Where-Object { $_.$Property })
            $withValue.Count | Should -BeGreaterThan 0 -Because "some server has a $Property"
            $value = $withValue[0].$Property
            $filter = @{ $Parameter = $value }
            $found = @(Get-ComputeServer @filter -All -ErrorAction Stop)
            $found.Count | Should -Be @($all | Where-Object { $_.$Property -eq $value }).Count
            foreach ($server in $found) { $server.$Property | Should -Be $value }
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

    Context 'Servers in the object pipeline (Sort-Object, Group-Object, Select-Object, Export-Csv, ConvertTo-Json)' {
        It 'Sort-Object Name orders the servers by name' {
            $sorted = @($all | Sort-Object Name)
            $sorted | Should -HaveCount $all.Count
            $names = [string[]] @($all | ForEach-Object { $_.Name })
            [Array]::Sort($names, [StringComparer]::CurrentCultureIgnoreCase)
            @($sorted | ForEach-Object { $_.Name }) | Should -Be $names
        }

        It 'Sort-Object Created -Descending puts the newest first' {
            $sorted = @($all | Sort-Object Created -Descending)
            for ($i = 1; $i -lt $sorted.Count; $i++) {
                $sorted[$i - 1].Created | Should -BeGreaterOrEqual $sorted[$i].Created
            }
        }

        It 'Group-Object <_> splits the servers by their <_>' -ForEach @('Status', 'FlavorId', 'Region') {
            $property = $_
            $groups = @($all | Group-Object $property)
            ($groups | Measure-Object -Property Count -Sum).Sum | Should -Be $all.Count
            foreach ($group in $groups) {
                $group.Count | Should -Be @($all | Where-Object { "$($_.$property)" -eq $group.Name }).Count
                foreach ($server in $group.Group) { "$($server.$property)" | Should -Be $group.Name }
            }
        }

        It 'Select-Object -Property makes plain objects with the chosen values' {
            $picked = @($all | Select-Object -Property Id, Name, Status -First 2)
            $picked | Should -HaveCount ([Math]::Min(2, $all.Count))
            $picked[0].Id | Should -Be $all[0].Id
            $picked[0].Name | Should -Be $all[0].Name
            @($picked[0].PSObject.Properties | ForEach-Object { $_.Name }) | Should -Be @('Id', 'Name', 'Status')
        }

        It 'Export-Csv and Import-Csv keep the scalar properties' {
            $path = Join-Path $TestDrive 'servers.csv'
            $all | Export-Csv -LiteralPath $path -NoTypeInformation
            $rows = @(Import-Csv -LiteralPath $path)
            $rows | Should -HaveCount $all.Count
            for ($i = 0; $i -lt $all.Count; $i++) {
                foreach ($name in 'Id', 'Uuid', 'Name', 'Status', 'FlavorId', 'ImageId', 'TenantId', 'Region') {
                    $rows[$i].$name | Should -Be "$($all[$i].$name)" -Because "column $name of server $($all[$i].Id)"
                }
                [DateTimeOffset]::Parse($rows[$i].Created).ToUnixTimeSeconds() | Should -Be $all[$i].Created.ToUnixTimeSeconds() -Because "Created of server $($all[$i].Id), to the second"
            }
        }

        It 'Export-Csv writes Addresses and Metadata readably (known defect, issue 11: they are written as the type name System.Collections.ObjectModel.ReadOnlyDictionary`2[...])' -Skip {
            $path = Join-Path $TestDrive 'servers-nested.csv'
            $all | Export-Csv -LiteralPath $path -NoTypeInformation
            $rows = @(Import-Csv -LiteralPath $path)
            for ($i = 0; $i -lt $all.Count; $i++) {
                $rows[$i].Addresses | Should -Not -BeLike 'System.*'
                $rows[$i].Metadata | Should -Not -BeLike 'System.*'
                foreach ($network in $all[$i].Addresses.Keys) { $rows[$i].Addresses | Should -Match ([regex]::Escape($network)) }
                foreach ($key in $all[$i].Metadata.Keys) { $rows[$i].Metadata | Should -Match ([regex]::Escape($key)) }
            }
        }

        It 'ConvertTo-Json keeps every property, Addresses and Metadata as objects' {
            $server = $all[0]
            $back = $server | ConvertTo-Json -Depth 5 | ConvertFrom-Json
            foreach ($name in 'Id', 'Uuid', 'Name', 'Status', 'FlavorId', 'ImageId', 'HostId', 'TenantId', 'UserId', 'Region') {
                $back.$name | Should -Be $server.$name -Because "property $name"
            }
            ([datetime] $back.Created).ToUniversalTime() | Should -Be $server.Created.UtcDateTime
            @($back.Addresses.PSObject.Properties | ForEach-Object { $_.Name }) | Should -Be @($server.Addresses.Keys)
            foreach ($network in $server.Addresses.Keys) { @($back.Addresses.$network) | Should -Be @($server.Addresses[$network]) }
            @($back.Metadata.PSObject.Properties | ForEach-Object { $_.Name }) | Should -Be @($server.Metadata.Keys)
            foreach ($key in $server.Metadata.Keys) { $back.Metadata.$key | Should -Be $server.Metadata[$key] }
        }

        It 'ConvertTo-Json of a listing is an array of every server' {
            # Two steps: Windows PowerShell 5.1's ConvertFrom-Json writes an array as one object.
            $parsed = $all | ConvertTo-Json -Depth 5 | ConvertFrom-Json
            $back = @($parsed)
            $back | Should -HaveCount $all.Count
            @($back | ForEach-Object { $_.Id }) | Should -Be @($all | ForEach-Object { $_.Id })
        }
    }

    Context 'Time properties (Created, Updated)' {
        It '$server.Created - (Get-Date) is a TimeSpan in the past' {
            $age = $all[0].Created - (Get-Date)
            $age | Should -BeOfType ([TimeSpan])
            $age | Should -BeLessOrEqual ([TimeSpan]::FromMinutes(1)) -Because 'a listed server was created before now (a minute of clock skew allowed)'
        }

        It '(Get-Date) - $server.Created is the age of the server (known defect, issue 11: Created is a DateTimeOffset, so it throws "Cannot find an overload for "op_Subtraction" and the argument count: "2"")' -Skip {
            $age = (Get-Date) - $all[0].Created
            $age | Should -BeOfType ([TimeSpan])
            $age | Should -BeGreaterOrEqual ([TimeSpan]::FromMinutes(-1))
        }

        It 'New-TimeSpan -Start $server.Created is the age of the server (known defect, issue 11: Cannot bind parameter ''Start''. Cannot convert the "..." value of type "System.DateTimeOffset" to type "System.DateTime")' -Skip {
            $age = New-TimeSpan -Start $all[0].Created
            $age | Should -BeGreaterOrEqual ([TimeSpan]::FromMinutes(-1))
        }

        It 'Where-Object <_> -lt / -gt a date (Get-Date, five minutes ahead or 30 years back) keeps the servers on that side' -ForEach @('Created', 'Updated') {
            $property = $_
            $future = (Get-Date).AddMinutes(5)
            @($all | Where-Object $property -lt $future) | Should -HaveCount $all.Count
            @($all | Where-Object $property -gt $future) | Should -HaveCount 0
            @($all | Where-Object $property -gt (Get-Date).AddYears(-30)) | Should -HaveCount $all.Count
        }

        It 'Where-Object { $_.Updated -ge $_.Created } compares two time properties' {
            @($all | Where-Object { $_.Updated -ge $_.Created }) | Should -HaveCount $all.Count
        }

        It 'Where-Object { (Get-Date) -gt $_.Created } with the date on the left (known defect, issue 11: Could not compare "(now)" to "(Created)". Error: "Cannot convert the "..." value of type "System.DateTimeOffset" to type "System.DateTime"")' -Skip {
            $future = (Get-Date).AddMinutes(5)
            @($all | Where-Object { $future -gt $_.Created }) | Should -HaveCount $all.Count
        }
    }
}

Describe 'Get-ComputeServer refuses bad input before sending anything' -Tag 'EmulatorOnly' {
    BeforeAll {
        $null = Connect-TestCloud
    }

    It '<Case>: <ErrorId>' -ForEach @(
        @{ Case = '-Limit 0'; Arguments = @{ Limit = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Limit -1'; Arguments = @{ Limit = -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Limit abc'; Arguments = @{ Limit = 'abc' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-Limit beyond Int32'; Arguments = @{ Limit = 3000000000 }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-Id empty'; Arguments = @{ Id = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Id $null'; Arguments = @{ Id = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Id @()'; Arguments = @{ Id = @() }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Id with an empty element'; Arguments = @{ Id = @('aaaaaaaa-0000-4000-8000-000000000001', '') }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Name empty'; Arguments = @{ Name = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Status empty'; Arguments = @{ Status = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Image empty'; Arguments = @{ Image = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Flavor empty'; Arguments = @{ Flavor = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Marker empty'; Arguments = @{ Marker = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ChangesSince not a date'; Arguments = @{ ChangesSince = 'not a date' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-Connection $null'; Arguments = @{ Connection = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Id with -Status'; Arguments = @{ Id = 'aaaaaaaa-0000-4000-8000-000000000001'; Status = 'ACTIVE' }; ErrorId = 'AmbiguousParameterSet' }
        @{ Case = '-Id with -All'; Arguments = @{ Id = 'aaaaaaaa-0000-4000-8000-000000000001'; All = $true }; ErrorId = 'AmbiguousParameterSet' }
        @{ Case = '-Id with -Limit'; Arguments = @{ Id = 'aaaaaaaa-0000-4000-8000-000000000001'; Limit = 2 }; ErrorId = 'AmbiguousParameterSet' }
    ) {
        Clear-EmulatorRequestLog
        { Get-ComputeServer @Arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.GetComputeServerCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }
}

Describe 'Get-ComputeServer with ids that are not ids' -Tag 'EmulatorOnly' {
    BeforeAll {
        $null = Connect-TestCloud
    }

    It 'id <_> stays one path segment: one GET under /servers/ and ServerNotFound' -ForEach @('a/b', '%2F', ' ', 'x?limit=1', 'x#y', '../../images', 'd\u00e9tail') {
        $id = [regex]::Unescape($_)
        Clear-EmulatorRequestLog
        $errors = $null
        $found = @(Get-ComputeServer -Id $id -ErrorAction SilentlyContinue -ErrorVariable errors)
        $found | Should -HaveCount 0
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ServerNotFound,ComputeModule.Commands.GetComputeServerCommand'
        $errors[0].TargetObject | Should -Be $id
        $log = @(Get-EmulatorRequestLog)
        $log | Should -HaveCount 1
        $log[0].method | Should -Be 'GET'
        $log[0].path | Should -Match '/servers/[^/]+$'
        $log[0].status | Should -Be 404
    }

    It 'ids "..", "." and "detail" stay one path segment: one GET under /servers/ and ServerNotFound (known defect, issue 8: the id is escaped with Uri.EscapeDataString, which leaves dot segments and reserved names alone, so ".." asks for GET /v2.1/{project}/, "." for GET .../servers/ and "detail" for the listing GET .../servers/detail; all three answer 200 and end as ComputeFault)' -Skip {
        foreach ($id in '..', '.', 'detail') {
            Clear-EmulatorRequestLog
            $errors = $null
            $found = @(Get-ComputeServer -Id $id -ErrorAction SilentlyContinue -ErrorVariable errors)
            $found | Should -HaveCount 0
            $errors | Should -HaveCount 1
            $errors[0].FullyQualifiedErrorId | Should -Be 'ServerNotFound,ComputeModule.Commands.GetComputeServerCommand' -Because "id '$id'"
            $log = @(Get-EmulatorRequestLog)
            $log | Should -HaveCount 1
            $log[0].path | Should -Match '/servers/[^/]+$' -Because "id '$id'"
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
        $listed = @(Get-ComputeServer -All -ErrorAction Stop)
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

    It 'Select-Object -First <Take> on -All -Limit <Limit> fetches <Pages> page(s) and no page after' -ForEach @(
        @{ Take = 3; Limit = 5; Pages = 1 }
        @{ Take = 3; Limit = 3; Pages = 1 }
        @{ Take = 3; Limit = 2; Pages = 2 }
        @{ Take = 3; Limit = 1; Pages = 3 }
        @{ Take = 7; Limit = 5; Pages = 2 }
        @{ Take = 10; Limit = 5; Pages = 2 }
    ) {
        Clear-EmulatorRequestLog
        $taken = @(Get-ComputeServer -All -Limit $Limit | Select-Object -First $Take)
        Assert-TestPagesFetched -Taken $taken -Listed $listed -Requests (& $listRequests) -Take $Take -Limit $Limit -Pages $Pages
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
