# Get-ComputeImage, New-ComputeImage, Remove-ComputeImage. On real Nova the fake driver never finishes
# a snapshot, so waiting for ACTIVE is emulator-only; a -Wait -Timeout ends with a timeout on both.
# Bad input is refused before anything is sent (-ForEach cases); the objects are pinned in Sort-Object, Group-Object,
# Export-Csv, ConvertTo-Json, date comparisons and Select-Object -First paging.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Enter-ComputeModuleTest
    if (Test-EmulatorBackend) {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 12 -Images 6 -Seed 4
    }
    $null = Connect-TestCloud
    $servers = @(Get-TestActiveServer -Minimum 6)
    $created = [System.Collections.Generic.List[object]]::new()
    $serverPool = @{ Next = 0 }

    # A different server for each snapshot: Nova refuses a second snapshot while one is in progress.
    function Get-NextTestServer {
        $server = $servers[$serverPool.Next % $servers.Count]
        $serverPool.Next++
        $server
    }

    function New-TestImage {
        param([hashtable] $Metadata)
        $image = New-TestSnapshot -Server (Get-NextTestServer) -Metadata $Metadata
        $created.Add($image)
        $image
    }
}

AfterAll {
    try {
        $created | Remove-TestImage
    }
    finally {
        Exit-ComputeModuleTest
    }
}

Describe 'Get-ComputeImage' {
    BeforeAll {
        $images = @(Get-ComputeImage -All -ErrorAction Stop)
        # A fresh cloud may have a single base image: make the snapshots the paging tests need.
        for ($i = $images.Count; $i -lt 4; $i++) { $null = New-TestImage }
        $images = @(Get-ComputeImage -All -ErrorAction Stop)
    }

    It 'lists ComputeImage objects with their fields' {
        $images.Count | Should -BeGreaterThan 0
        foreach ($image in $images) {
            $image | Should -BeOfType 'ComputeModule.Models.ComputeImage'
            $image.Id | Should -Not -BeNullOrEmpty
            $image.Status | Should -Not -BeNullOrEmpty
            $image.Type | Should -BeIn @('Base', 'Snapshot')
        }
    }

    It 'filters by -Type Base and -Type Snapshot' {
        $base = @(Get-ComputeImage -Type Base -All -ErrorAction Stop)
        $base.Count | Should -BeGreaterThan 0
        foreach ($image in $base) { $image.Type | Should -Be 'Base' }
        $snapshots = @(Get-ComputeImage -Type Snapshot -All -ErrorAction Stop)
        foreach ($image in $snapshots) { $image.Type | Should -Be 'Snapshot' }
        ($base.Count + $snapshots.Count) | Should -Be $images.Count
    }

    It 'filters by -Status' {
        $found = @(Get-ComputeImage -Status ACTIVE -All -ErrorAction Stop)
        $found.Count | Should -BeGreaterThan 0
        foreach ($image in $found) { $image.Status | Should -Be 'ACTIVE' }
    }

    It 'filters by -Name' {
        $named = @($images | Where-Object { $_.Name })[0]
        $found = @(Get-ComputeImage -Name $named.Name -All -ErrorAction Stop)
        @($found | ForEach-Object { $_.Id }) | Should -Contain $named.Id
        @(Get-ComputeImage -Name 'no-image-has-this-name-4b1c' -All -ErrorAction Stop) | Should -HaveCount 0
    }

    It 'filters by -Server' {
        $image = New-TestImage
        $found = @(Get-ComputeImage -Server $image.ServerId -All -ErrorAction Stop)
        @($found | ForEach-Object { $_.Id }) | Should -Contain $image.Id
        foreach ($i in $found) { $i.ServerId | Should -Be $image.ServerId }
    }

    It 'filters by -ChangesSince' {
        @(Get-ComputeImage -ChangesSince ([DateTime]::UtcNow.AddDays(1)) -All -ErrorAction Stop) | Should -HaveCount 0
    }

    It 'pages with -Limit, -Marker and -All' {
        $images.Count | Should -BeGreaterOrEqual 3
        $page = @(Get-ComputeImage -Limit 2 -ErrorAction Stop)
        $page | Should -HaveCount 2
        $next = @(Get-ComputeImage -Limit 2 -Marker $page[1].Id -ErrorAction Stop)
        @($next | ForEach-Object { $_.Id }) | Should -Not -Contain $page[0].Id
        @($next | ForEach-Object { $_.Id }) | Should -Not -Contain $page[1].Id
        $paged = @(Get-ComputeImage -All -Limit 2 -ErrorAction Stop)
        @($paged | ForEach-Object { $_.Id }) | Should -Be @(Get-ComputeImage -All -ErrorAction Stop | ForEach-Object { $_.Id })
    }

    It 'gets images by -Id, by the ImageId alias and from the pipeline' {
        $two = @($images[0], $images[1])
        (Get-ComputeImage -Id $two[0].Id -ErrorAction Stop).Id | Should -Be $two[0].Id
        (Get-ComputeImage -ImageId $two[1].Id -ErrorAction Stop).Id | Should -Be $two[1].Id
        @($two | Get-ComputeImage -ErrorAction Stop | ForEach-Object { $_.Id }) | Should -Be @($two[0].Id, $two[1].Id)
    }

    It 'an unknown id gives ImageNotFound with the id as target' {
        $errors = $null
        $found = @(Get-ComputeImage -Id 'dddddddd-0000-4000-8000-000000000000' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $found | Should -HaveCount 0
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound*'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -Be 'dddddddd-0000-4000-8000-000000000000'
    }
    Context 'Images in the object pipeline (Sort-Object, Group-Object, Export-Csv, ConvertTo-Json)' {
        It 'Sort-Object Name orders the images by name' {
            $sorted = @($images | Sort-Object Name)
            $names = [string[]] @($images | ForEach-Object { [string] $_.Name })
            [Array]::Sort($names, [StringComparer]::CurrentCultureIgnoreCase)
            @($sorted | ForEach-Object { [string] $_.Name }) | Should -Be $names
        }

        It 'Sort-Object Created -Descending puts the newest first' {
            $dated = @($images | Where-Object { $null -ne $_.Created } | Sort-Object Created -Descending)
            $dated.Count | Should -BeGreaterThan 1
            for ($i = 1; $i -lt $dated.Count; $i++) { $dated[$i - 1].Created | Should -BeGreaterOrEqual $dated[$i].Created }
        }

        It 'Group-Object Type gives the groups that -Type filters' {
            $current = @(Get-ComputeImage -All -ErrorAction Stop)
            $groups = @($current | Group-Object Type)
            foreach ($group in $groups) {
                $group.Name | Should -BeIn @('Base', 'Snapshot')
                $filtered = @(Get-ComputeImage -Type $group.Name -All -ErrorAction Stop)
                @($group.Group | ForEach-Object { $_.Id } | Sort-Object) | Should -Be @($filtered | ForEach-Object { $_.Id } | Sort-Object)
            }
            ($groups | Measure-Object -Property Count -Sum).Sum | Should -Be $current.Count
        }

        It 'Group-Object ServerId gathers the snapshots of each server' {
            $snapshots = @(Get-ComputeImage -Type Snapshot -All -ErrorAction Stop)
            if ($snapshots.Count -eq 0) { $snapshots = @(New-TestImage) }
            foreach ($group in @($snapshots | Group-Object ServerId)) {
                foreach ($image in $group.Group) { $image.ServerId | Should -Be $group.Name }
            }
        }

        It 'Export-Csv and Import-Csv keep the scalar properties' {
            $path = Join-Path $TestDrive 'images.csv'
            $images | Export-Csv -LiteralPath $path -NoTypeInformation
            $rows = @(Import-Csv -LiteralPath $path)
            $rows | Should -HaveCount $images.Count
            for ($i = 0; $i -lt $images.Count; $i++) {
                foreach ($name in 'Id', 'Name', 'Status', 'Progress', 'MinDisk', 'MinRam', 'ServerId', 'Type', 'Region') {
                    $rows[$i].$name | Should -Be "$($images[$i].$name)" -Because "column $name of image $($images[$i].Id)"
                }
                if ($null -ne $images[$i].Created) { [DateTimeOffset]::Parse($rows[$i].Created).ToUnixTimeSeconds() | Should -Be $images[$i].Created.ToUnixTimeSeconds() }
            }
        }

        It 'Export-Csv writes Metadata readably (known defect, issue 11: it is written as the type name System.Collections.ObjectModel.ReadOnlyDictionary`2[System.String,System.String])' -Skip {
            $path = Join-Path $TestDrive 'images-metadata.csv'
            $images | Export-Csv -LiteralPath $path -NoTypeInformation
            $rows = @(Import-Csv -LiteralPath $path)
            for ($i = 0; $i -lt $images.Count; $i++) {
                $rows[$i].Metadata | Should -Not -BeLike 'System.*'
                foreach ($key in $images[$i].Metadata.Keys) { $rows[$i].Metadata | Should -Match ([regex]::Escape($key)) }
            }
        }

        It 'ConvertTo-Json keeps every property and the Metadata as an object' {
            $image = @(Get-ComputeImage -Type Snapshot -All -ErrorAction Stop)[0]
            if ($null -eq $image) { $image = New-TestImage }
            $back = $image | ConvertTo-Json -Depth 5 | ConvertFrom-Json
            foreach ($name in 'Id', 'Name', 'Status', 'Progress', 'MinDisk', 'MinRam', 'ServerId', 'Type', 'Region') {
                $back.$name | Should -Be $image.$name -Because "property $name"
            }
            ([datetime] $back.Created).ToUniversalTime() | Should -Be $image.Created.UtcDateTime
            @($back.Metadata.PSObject.Properties | ForEach-Object { $_.Name }) | Should -Be @($image.Metadata.Keys)
            foreach ($key in $image.Metadata.Keys) { $back.Metadata.$key | Should -Be $image.Metadata[$key] }
        }
    }

    Context 'Time properties (Created, Updated)' {
        BeforeAll {
            $dated = @($images | Where-Object { $null -ne $_.Created })
        }

        It '$image.Created - (Get-Date) is a TimeSpan in the past' {
            $dated.Count | Should -BeGreaterThan 0
            $age = $dated[0].Created - (Get-Date)
            $age | Should -BeOfType ([TimeSpan])
            $age | Should -BeLessOrEqual ([TimeSpan]::FromMinutes(1))
        }

        It '(Get-Date) - $image.Created is the age of the image (known defect, issue 11: Created is a DateTimeOffset, so it throws "Cannot find an overload for "op_Subtraction" and the argument count: "2"")' -Skip {
            $age = (Get-Date) - $dated[0].Created
            $age | Should -BeGreaterOrEqual ([TimeSpan]::FromMinutes(-1))
        }

        It 'New-TimeSpan -Start $image.Created is the age of the image (known defect, issue 11: Cannot bind parameter ''Start''. Cannot convert the "..." value of type "System.DateTimeOffset" to type "System.DateTime")' -Skip {
            $age = New-TimeSpan -Start $dated[0].Created -End (Get-Date)
            $age | Should -BeGreaterOrEqual ([TimeSpan]::FromMinutes(-1))
        }

        It 'Where-Object <_> -lt / -gt a date keeps the images on that side' -ForEach @('Created', 'Updated') {
            $property = $_
            $withTime = @($images | Where-Object { $null -ne $_.$property })
            $withTime.Count | Should -BeGreaterThan 0
            $future = (Get-Date).AddMinutes(5)
            @($withTime | Where-Object $property -lt $future) | Should -HaveCount $withTime.Count
            @($withTime | Where-Object $property -gt $future) | Should -HaveCount 0
        }

        It 'Where-Object Created -ge the Created of an image keeps that image and the newer ones' {
            $pivot = $dated[0].Created
            $newer = @($dated | Where-Object Created -ge $pivot)
            @($newer | ForEach-Object { $_.Id }) | Should -Contain $dated[0].Id
            foreach ($image in $newer) { $image.Created | Should -BeGreaterOrEqual $pivot }
        }

        It 'Where-Object { (Get-Date) -gt $_.Created } with the date on the left (known defect, issue 11: Could not compare "(now)" to "(Created)". Error: "Cannot convert the "..." value of type "System.DateTimeOffset" to type "System.DateTime"")' -Skip {
            $future = (Get-Date).AddMinutes(5)
            @($dated | Where-Object { $future -gt $_.Created }) | Should -HaveCount $dated.Count
        }
    }
}

Describe 'New-ComputeImage' {
    It 'snapshots a server' {
        $server = Get-NextTestServer
        $name = Get-TestUniqueName 'cmtest-new'
        $image = New-ComputeImage -ServerId $server.Id -Name $name -ErrorAction Stop
        $created.Add($image)
        $image | Should -HaveCount 1
        $image | Should -BeOfType 'ComputeModule.Models.ComputeImage'
        $image.Id | Should -Not -BeNullOrEmpty
        $image.Name | Should -Be $name
        $image.Type | Should -Be 'Snapshot'
        (Get-ComputeImage -Id $image.Id -ErrorAction Stop).Name | Should -Be $name
    }

    It 'sets -Metadata on the new image' {
        $image = New-TestImage -Metadata @{ purpose = 'acceptance'; team = 'cmtest' }
        $fetched = Get-ComputeImage -Id $image.Id -ErrorAction Stop
        $fetched.Metadata['purpose'] | Should -Be 'acceptance'
        $fetched.Metadata['team'] | Should -Be 'cmtest'
    }

    It 'snapshots piped servers with a delay-bound -Name' {
        $two = @((Get-NextTestServer), (Get-NextTestServer))
        $images = @($two | New-ComputeImage -Name { "$($_.Name)-nightly" } -ErrorAction Stop)
        foreach ($i in $images) { $created.Add($i) }
        $images | Should -HaveCount 2
        $images[0].Name | Should -Be "$($two[0].Name)-nightly"
        $images[1].Name | Should -Be "$($two[1].Name)-nightly"
        $images[0].ServerId | Should -Be $two[0].Id
        $images[1].ServerId | Should -Be $two[1].Id
    }

    It 'accepts the Id alias for -ServerId' {
        $server = Get-NextTestServer
        $image = New-ComputeImage -Id $server.Id -Name (Get-TestUniqueName 'cmtest-alias') -ErrorAction Stop
        $created.Add($image)
        $image.ServerId | Should -Be $server.Id
    }

    It 'an unknown server gives ServerNotFound' {
        $errors = $null
        $image = @(New-ComputeImage -ServerId 'eeeeeeee-0000-4000-8000-000000000000' -Name 'cmtest-nothing' -ErrorAction SilentlyContinue -ErrorVariable errors)
        $image | Should -HaveCount 0
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ServerNotFound*'
        $errors[0].TargetObject | Should -Not -BeNullOrEmpty
    }

    It '-Wait -Timeout ends with OperationTimeout and leaves the image in place' {
        # Real Nova's fake driver never finishes a snapshot; the emulator takes seconds, longer than the 1 s limit.
        $server = Get-NextTestServer
        $name = Get-TestUniqueName 'cmtest-timeout'
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $failure = { New-ComputeImage -ServerId $server.Id -Name $name -Wait -Timeout 1 -ErrorAction Stop } | Should -Throw -ErrorId 'OperationTimeout*' -PassThru
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $left = @(Get-ComputeImage -Name $name -All -ErrorAction Stop)
        $left | Should -HaveCount 1 -Because 'a timeout stops the waiting, not the snapshot'
        foreach ($i in $left) { $created.Add($i) }
    }

    It '-Timeout also takes a TimeSpan' {
        $server = Get-NextTestServer
        $name = Get-TestUniqueName 'cmtest-timespan'
        { New-ComputeImage -ServerId $server.Id -Name $name -Wait -Timeout ([TimeSpan]::FromSeconds(1)) -ErrorAction Stop } | Should -Throw -ErrorId 'OperationTimeout*'
        foreach ($i in @(Get-ComputeImage -Name $name -All -ErrorAction Stop)) { $created.Add($i) }
    }

    It '-Wait returns the image once it is ACTIVE' -Tag 'EmulatorOnly' {
        $server = Get-NextTestServer
        $image = New-ComputeImage -ServerId $server.Id -Name (Get-TestUniqueName 'cmtest-wait') -Wait -Timeout 60 -ErrorAction Stop
        $created.Add($image)
        $image.Status | Should -Be 'ACTIVE'
        (Get-ComputeImage -Id $image.Id -ErrorAction Stop).Status | Should -Be 'ACTIVE'
    }

    It '-Wait with several piped servers waits for each' -Tag 'EmulatorOnly' {
        $two = @((Get-NextTestServer), (Get-NextTestServer))
        $images = @($two | New-ComputeImage -Name { "$($_.Name)-wait-$([guid]::NewGuid().ToString('N').Substring(0, 6))" } -Wait -Timeout 60 -ErrorAction Stop)
        foreach ($i in $images) { $created.Add($i) }
        $images | Should -HaveCount 2
        foreach ($i in $images) { $i.Status | Should -Be 'ACTIVE' }
    }

    It '-WhatIf sends no request' -Tag 'EmulatorOnly' {
        $server = Get-NextTestServer
        Clear-EmulatorRequestLog
        $result = @(New-ComputeImage -ServerId $server.Id -Name 'cmtest-whatif' -WhatIf)
        $result | Should -HaveCount 0
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        @(Get-ComputeImage -Name 'cmtest-whatif' -All) | Should -HaveCount 0
    }

    It 'refuses <Case> before sending anything: <ErrorId>' -Tag 'EmulatorOnly' -ForEach @(
        @{ Case = 'an empty -Name'; Arguments = @{ Name = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'a -Name of 256 characters'; Arguments = @{ Name = ('n' * 256) }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'an empty -ServerId'; Arguments = @{ ServerId = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-InputObject $null'; Arguments = @{ InputObject = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Metadata $null'; Arguments = @{ Metadata = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = 'a metadata key of 256 characters'; Arguments = @{ Metadata = @{ ('k' * 256) = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'an empty metadata key'; Arguments = @{ Metadata = @{ '' = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a blank metadata key'; Arguments = @{ Metadata = @{ '   ' = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a metadata value of 256 characters'; Arguments = @{ Metadata = @{ k = ('v' * 256) } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a $null metadata value'; Arguments = @{ Metadata = @{ k = $null } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'an array metadata value'; Arguments = @{ Metadata = @{ k = @('a', 'b') } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a hashtable metadata value'; Arguments = @{ Metadata = @{ k = @{ a = 'b' } } }; ErrorId = 'InvalidMetadata' }
        @{ Case = 'a metadata key that is not a string'; Arguments = @{ Metadata = @{ 1 = 'v' } }; ErrorId = 'InvalidMetadata' }
        @{ Case = '-Timeout 0'; Arguments = @{ Timeout = 0; Wait = $true }; ErrorId = 'InvalidParameter' }
        @{ Case = '-Timeout -5'; Arguments = @{ Timeout = -5; Wait = $true }; ErrorId = 'InvalidParameter' }
        @{ Case = 'a negative -Timeout TimeSpan'; Arguments = @{ Timeout = [TimeSpan]::FromSeconds(-1) }; ErrorId = 'InvalidParameter' }
        @{ Case = '-Timeout abc'; Arguments = @{ Timeout = 'abc' }; ErrorId = 'CannotConvertArgumentNoMessage' }
    ) {
        $arguments = $Arguments.Clone()
        if (-not $arguments.ContainsKey('ServerId') -and -not $arguments.ContainsKey('InputObject')) { $arguments.ServerId = $servers[0].Id }
        if (-not $arguments.ContainsKey('Name')) { $arguments.Name = 'cmtest-bad-input' }
        Clear-EmulatorRequestLog
        { New-ComputeImage @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.NewComputeImageCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It 'accepts a metadata key and value of exactly 255 characters (-WhatIf: nothing sent)' -Tag 'EmulatorOnly' {
        Clear-EmulatorRequestLog
        { New-ComputeImage -ServerId $servers[0].Id -Name ('n' * 255) -Metadata @{ ('k' * 255) = ('v' * 255) } -WhatIf -ErrorAction Stop } | Should -Not -Throw
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }
}

Describe 'Remove-ComputeImage' {
    It 'removes an image' {
        $image = New-TestImage
        Remove-ComputeImage -ImageId $image.Id -Confirm:$false -ErrorAction Stop
        $gone = Wait-TestCondition -TimeoutSeconds 30 -Condition {
            $errors = $null
            $left = @(Get-ComputeImage -Id $image.Id -ErrorAction SilentlyContinue -ErrorVariable errors)
            ($left.Count -eq 0 -and @($errors).Count -eq 1) -or ($left.Count -eq 1 -and $left[0].Status -eq 'DELETED')
        }
        $gone | Should -BeTrue
    }

    It 'removes piped images and accepts the Id alias' {
        $one = New-TestImage
        $two = New-TestImage
        $one, $two | Remove-ComputeImage -Confirm:$false -ErrorAction Stop
        $three = New-TestImage
        Remove-ComputeImage -Id $three.Id -Confirm:$false -ErrorAction Stop
        foreach ($image in $one, $two, $three) {
            $gone = Wait-TestCondition -TimeoutSeconds 30 -Condition {
                @(Get-ComputeImage -Id $image.Id -ErrorAction SilentlyContinue | Where-Object { $_.Status -ne 'DELETED' }).Count -eq 0
            }
            $gone | Should -BeTrue -Because "image $($image.Id) was removed"
        }
    }

    It 'an unknown id gives ImageNotFound' {
        $errors = $null
        Remove-ComputeImage -ImageId 'ffffffff-0000-4000-8000-000000000000' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'ImageNotFound*'
        $errors[0].TargetObject | Should -Be 'ffffffff-0000-4000-8000-000000000000'
    }

    It '-WhatIf removes nothing and sends no request' -Tag 'EmulatorOnly' {
        $image = New-TestImage
        Clear-EmulatorRequestLog
        Remove-ComputeImage -ImageId $image.Id -WhatIf
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        (Get-ComputeImage -Id $image.Id -ErrorAction Stop).Id | Should -Be $image.Id
    }
    It '-WhatIf on piped images (the InputObject set) removes nothing and sends no request' -Tag 'EmulatorOnly' {
        $image = New-TestImage
        Clear-EmulatorRequestLog
        $image | Remove-ComputeImage -WhatIf
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        (Get-ComputeImage -Id $image.Id -ErrorAction Stop).Id | Should -Be $image.Id
    }
}

Describe 'Get-ComputeImage and Remove-ComputeImage refuse bad input before sending anything' -Tag 'EmulatorOnly' {
    It 'Get-ComputeImage <Case>: <ErrorId>' -ForEach @(
        @{ Case = '-Type Bogus'; Arguments = @{ Type = 'Bogus' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Limit 0'; Arguments = @{ Limit = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Limit abc'; Arguments = @{ Limit = 'abc' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-Id empty'; Arguments = @{ Id = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Id $null'; Arguments = @{ Id = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Name empty'; Arguments = @{ Name = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Status empty'; Arguments = @{ Status = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Server empty'; Arguments = @{ Server = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Marker empty'; Arguments = @{ Marker = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ChangesSince not a date'; Arguments = @{ ChangesSince = 'yesterday-ish' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-Id with -Type'; Arguments = @{ Id = 'dddddddd-0000-4000-8000-000000000001'; Type = 'Base' }; ErrorId = 'AmbiguousParameterSet' }
        @{ Case = '-Id with -All'; Arguments = @{ Id = 'dddddddd-0000-4000-8000-000000000001'; All = $true }; ErrorId = 'AmbiguousParameterSet' }
    ) {
        Clear-EmulatorRequestLog
        { Get-ComputeImage @Arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.GetComputeImageCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It 'Remove-ComputeImage <Case>: <ErrorId>' -ForEach @(
        @{ Case = '-ImageId empty'; Arguments = @{ ImageId = '' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ImageId $null'; Arguments = @{ ImageId = $null }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ImageId with an empty element'; Arguments = @{ ImageId = @('dddddddd-0000-4000-8000-000000000001', '') }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-InputObject $null'; Arguments = @{ InputObject = $null }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        Clear-EmulatorRequestLog
        { Remove-ComputeImage @Arguments -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.RemoveComputeImageCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It 'Get-ComputeImage id <_> stays one path segment: one GET under /images/ and ImageNotFound' -ForEach @('a/b', '%2F', ' ', 'x?y', '../../servers') {
        $id = $_
        Clear-EmulatorRequestLog
        $errors = $null
        @(Get-ComputeImage -Id $id -ErrorAction SilentlyContinue -ErrorVariable errors) | Should -HaveCount 0
        $errors | Should -HaveCount 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,ComputeModule.Commands.GetComputeImageCommand'
        $errors[0].TargetObject | Should -Be $id
        $log = @(Get-EmulatorRequestLog)
        $log | Should -HaveCount 1
        $log[0].path | Should -Match '/images/[^/]+$'
        $log[0].status | Should -Be 404
    }

    It 'ids ".." and "." stay one path segment for Get-ComputeImage and Remove-ComputeImage (known defect, issue 8: dot segments are not escaped, so Get-ComputeImage -Id ".." asks for GET /v2.1/{project}/ (200, ComputeFault) and Remove-ComputeImage -ImageId "." sends DELETE .../images/ (405, ComputeFault) instead of ImageNotFound)' -Skip {
        foreach ($id in '..', '.') {
            Clear-EmulatorRequestLog
            $errors = $null
            $null = @(Get-ComputeImage -Id $id -ErrorAction SilentlyContinue -ErrorVariable errors)
            $errors[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,ComputeModule.Commands.GetComputeImageCommand' -Because "Get-ComputeImage -Id '$id'"
            @(Get-EmulatorRequestLog)[0].path | Should -Match '/images/[^/]+$'
        }
        Clear-EmulatorRequestLog
        $errors = $null
        Remove-ComputeImage -ImageId '.' -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -Be 'ImageNotFound,ComputeModule.Commands.RemoveComputeImageCommand'
        @(Get-EmulatorRequestLog)[0].path | Should -Match '/images/[^/]+$'
    }
}

Describe 'Get-ComputeImage paging on the wire' -Tag 'EmulatorOnly' {
    BeforeAll {
        $listed = @(Get-ComputeImage -All -ErrorAction Stop)
        $listed.Count | Should -BeGreaterOrEqual 6
    }

    It 'Select-Object -First <Take> on -All -Limit <Limit> fetches <Pages> page(s) and no page after' -ForEach @(
        @{ Take = 3; Limit = 2; Pages = 2 }
        @{ Take = 2; Limit = 2; Pages = 1 }
        @{ Take = 3; Limit = 5; Pages = 1 }
        @{ Take = 5; Limit = 1; Pages = 5 }
    ) {
        Clear-EmulatorRequestLog
        $taken = @(Get-ComputeImage -All -Limit $Limit | Select-Object -First $Take)
        $requests = @(Get-EmulatorRequestLog | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/images/detail' })
        Assert-TestPagesFetched -Taken $taken -Listed $listed -Requests $requests -Take $Take -Limit $Limit -Pages $Pages
    }
}
