# Enable-, Get- and Disable-ComputeImageSchedule. Scheduled images exist only on the emulator (an
# HP/Rackspace-style extension); real Nova does not offer them, which must be a clear error.

BeforeAll {
    Import-Module ([System.IO.Path]::Combine($PSScriptRoot, 'TestHelpers.psm1')) -Force
    $null = Enter-ComputeModuleTest
    if (Test-EmulatorBackend) {
        Reset-Emulator
        $null = Initialize-EmulatorSeed -Servers 8 -Seed 8
    }
    $null = Connect-TestCloud
    $servers = @(Get-TestActiveServer -Minimum 1)
}

AfterAll {
    Exit-ComputeModuleTest
}

Describe 'Image schedules' -Tag 'EmulatorOnly' {
    BeforeAll {
        # Schedules do not need ACTIVE servers: use every seeded one.
        $servers = @(Get-ComputeServer -All -ErrorAction Stop)
        $servers.Count | Should -BeGreaterOrEqual 6
    }

    It 'enables a daily schedule' {
        $schedule = Enable-ComputeImageSchedule -ServerId $servers[0].Id -Retention 3 -ErrorAction Stop
        $schedule | Should -HaveCount 1
        $schedule | Should -BeOfType 'ComputeModule.Models.ComputeImageSchedule'
        $schedule.ServerId | Should -Be $servers[0].Id
        $schedule.Frequency | Should -Be 'Daily'
        $schedule.Retention | Should -Be 3
        $schedule.DayOfWeek | Should -BeNullOrEmpty
    }

    It 'enables a weekly schedule with -DayOfWeek' {
        $schedule = Enable-ComputeImageSchedule -ServerId $servers[1].Id -Retention 2 -DayOfWeek Tuesday -ErrorAction Stop
        $schedule.Frequency | Should -Be 'Weekly'
        $schedule.Retention | Should -Be 2
        $schedule.DayOfWeek | Should -Be ([System.DayOfWeek]::Tuesday)
    }

    It 'gets the schedules back with Get-ComputeImageSchedule' {
        $daily = Get-ComputeImageSchedule -ServerId $servers[0].Id -ErrorAction Stop
        $daily.Frequency | Should -Be 'Daily'
        $daily.Retention | Should -Be 3
        $weekly = Get-ComputeImageSchedule -Id $servers[1].Id -ErrorAction Stop
        $weekly.Frequency | Should -Be 'Weekly'
        $weekly.DayOfWeek | Should -Be ([System.DayOfWeek]::Tuesday)
    }

    It 'changes an existing schedule when enabled again' {
        $schedule = Enable-ComputeImageSchedule -ServerId $servers[0].Id -Retention 5 -ErrorAction Stop
        $schedule.Retention | Should -Be 5
        (Get-ComputeImageSchedule -ServerId $servers[0].Id -ErrorAction Stop).Retention | Should -Be 5
    }

    It 'enables and gets schedules for piped servers' {
        $piped = @($servers[2], $servers[3])
        $schedules = @($piped | Enable-ComputeImageSchedule -Retention 1 -ErrorAction Stop)
        $schedules | Should -HaveCount 2
        @($schedules | ForEach-Object { $_.ServerId }) | Should -Be @($piped[0].Id, $piped[1].Id)
        @($piped | Get-ComputeImageSchedule -ErrorAction Stop | ForEach-Object { $_.ServerId }) | Should -Be @($piped[0].Id, $piped[1].Id)
    }

    It 'creates snapshot images when the schedules run' {
        $run = Invoke-EmulatorScheduleRun
        @($run.created).Count | Should -BeGreaterOrEqual 1
        $made = @(Get-ComputeImage -Server $servers[0].Id -Type Snapshot -All -ErrorAction Stop)
        @($made | ForEach-Object { $_.Id } | Where-Object { @($run.created) -contains $_ }).Count | Should -BeGreaterOrEqual 1
    }

    It 'disables a schedule; getting it then gives ImageScheduleNotFound' {
        Disable-ComputeImageSchedule -ServerId $servers[0].Id -Confirm:$false -ErrorAction Stop
        { Get-ComputeImageSchedule -ServerId $servers[0].Id -ErrorAction Stop } | Should -Throw -ErrorId 'ImageScheduleNotFound*'
    }

    It 'disables schedules of piped servers' {
        $servers[2], $servers[3] | Disable-ComputeImageSchedule -Confirm:$false -ErrorAction Stop
        $errors = $null
        $left = @($servers[2], $servers[3] | Get-ComputeImageSchedule -ErrorAction SilentlyContinue -ErrorVariable errors)
        $left | Should -HaveCount 0
        $errors | Should -HaveCount 2
        foreach ($e in $errors) { $e.FullyQualifiedErrorId | Should -BeLike 'ImageScheduleNotFound*' }
    }

    It 'an unknown server gives ServerNotFound' {
        { Enable-ComputeImageSchedule -ServerId '33333333-0000-4000-8000-000000000000' -Retention 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ServerNotFound*'
    }

    It 'refuses a -Retention outside 1..65535 before sending anything' {
        Clear-EmulatorRequestLog
        { Enable-ComputeImageSchedule -ServerId $servers[4].Id -Retention 0 -ErrorAction Stop } | Should -Throw
        { Enable-ComputeImageSchedule -ServerId $servers[4].Id -Retention 65536 -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It '-WhatIf enables and disables nothing and sends no request' {
        $null = Enable-ComputeImageSchedule -ServerId $servers[5].Id -Retention 4 -ErrorAction Stop
        Clear-EmulatorRequestLog
        @(Enable-ComputeImageSchedule -ServerId $servers[4].Id -Retention 2 -WhatIf) | Should -HaveCount 0
        Disable-ComputeImageSchedule -ServerId $servers[5].Id -WhatIf
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
        (Get-ComputeImageSchedule -ServerId $servers[5].Id -ErrorAction Stop).Retention | Should -Be 4
        { Get-ComputeImageSchedule -ServerId $servers[4].Id -ErrorAction Stop } | Should -Throw -ErrorId 'ImageScheduleNotFound*'
    }
}

Describe 'Image schedules on a cloud without them' {
    BeforeAll {
        # Real Nova has no rax-si-image-schedule route; the emulator answers the same way with the extension off.
        if (Test-EmulatorBackend) { $null = Invoke-EmulatorControl -Method PUT -Path '_emulator/config' -Body @{ scheduledImages = $false } }
    }
    AfterAll {
        if (Test-EmulatorBackend) { $null = Invoke-EmulatorControl -Method PUT -Path '_emulator/config' -Body @{ scheduledImages = $true } }
    }

    It 'Enable-ComputeImageSchedule says the cloud does not offer scheduled images' {
        $failure = { Enable-ComputeImageSchedule -ServerId $servers[0].Id -Retention 1 -ErrorAction Stop } | Should -Throw -ErrorId 'ImageSchedulesNotSupported*' -PassThru
        $failure.Exception.Message | Should -Match 'schedul'
        { Get-ComputeImageSchedule -ServerId $servers[0].Id -ErrorAction Stop } | Should -Throw -ErrorId 'ImageSchedulesNotSupported*'
    }
}
