# Get-ComputeImage, New-ComputeImage, Remove-ComputeImage. On real Nova the fake driver never finishes
# a snapshot, so waiting for ACTIVE is emulator-only; a -Wait -Timeout ends with a timeout on both.

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

    It 'refuses bad input before sending anything' -Tag 'EmulatorOnly' {
        $server = Get-NextTestServer
        Clear-EmulatorRequestLog
        { New-ComputeImage -ServerId $server.Id -Name '' -ErrorAction Stop } | Should -Throw
        { New-ComputeImage -ServerId $server.Id -Name 'cmtest-bad-meta' -Metadata @{ ('k' * 300) = 'v' } -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidMetadata*'
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
