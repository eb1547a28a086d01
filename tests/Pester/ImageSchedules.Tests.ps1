# Enable-, Get- and Disable-ComputeImageSchedule. Scheduled images exist only on the emulator (an
# HP/Rackspace-style extension); real Nova does not offer them, which must be a clear error.
# Bad -Retention, -DayOfWeek and -ServerId input is refused before anything is sent (-ForEach cases); schedules are
# pinned in Sort-Object, Group-Object, Export-Csv/Import-Csv and ConvertTo-Json.

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

Describe 'Image schedule input' -Tag 'EmulatorOnly' {
    BeforeAll {
        $servers = @(Get-ComputeServer -All -ErrorAction Stop)
        $spare = $servers[6]
        $modulePath = Get-ComputeModuleUnderTestPath
    }

    It 'Enable-ComputeImageSchedule <Case>: <ErrorId>' -ForEach @(
        @{ Case = '-Retention 0 (Daily)'; Arguments = @{ Retention = 0 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Retention 0 (Weekly)'; Arguments = @{ Retention = 0; DayOfWeek = 'Monday' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Retention -1 (Daily)'; Arguments = @{ Retention = -1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Retention 65536 (Daily)'; Arguments = @{ Retention = 65536 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Retention 65536 (Weekly)'; Arguments = @{ Retention = 65536; DayOfWeek = 'Monday' }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-Retention beyond Int32'; Arguments = @{ Retention = 2147483648 }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-Retention abc'; Arguments = @{ Retention = 'abc' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-DayOfWeek Funday'; Arguments = @{ Retention = 1; DayOfWeek = 'Funday' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-DayOfWeek 7'; Arguments = @{ Retention = 1; DayOfWeek = 7 }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-DayOfWeek -1'; Arguments = @{ Retention = 1; DayOfWeek = -1 }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-DayOfWeek T (Tuesday or Thursday)'; Arguments = @{ Retention = 1; DayOfWeek = 'T' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-DayOfWeek empty'; Arguments = @{ Retention = 1; DayOfWeek = '' }; ErrorId = 'CannotConvertArgumentNoMessage' }
        @{ Case = '-DayOfWeek Tuesday, (a trailing comma)'; Arguments = @{ Retention = 1; DayOfWeek = 'Tuesday,' }; ErrorId = 'ParameterArgumentTransformationError' }
        @{ Case = '-DayOfWeek $null'; Arguments = @{ Retention = 1; DayOfWeek = $null }; ErrorId = 'ParameterArgumentValidationErrorNullNotAllowed' }
        @{ Case = 'an empty -ServerId'; Arguments = @{ ServerId = ''; Retention = 1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ServerId $null'; Arguments = @{ ServerId = $null; Retention = 1 }; ErrorId = 'ParameterArgumentValidationError' }
        @{ Case = '-ServerId with an empty element'; Arguments = @{ ServerId = @('33333333-0000-4000-8000-000000000001', ''); Retention = 1 }; ErrorId = 'ParameterArgumentValidationError' }
    ) {
        $arguments = $Arguments.Clone()
        if (-not $arguments.ContainsKey('ServerId')) { $arguments.ServerId = $spare.Id }
        Clear-EmulatorRequestLog
        { Enable-ComputeImageSchedule @arguments -ErrorAction Stop } | Should -Throw -ErrorId "$ErrorId,ComputeModule.Commands.EnableComputeImageScheduleCommand"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It '<Command> <Case>: ParameterArgumentValidationError' -ForEach @(
        @{ Command = 'Get-ComputeImageSchedule'; Case = 'an empty -ServerId'; ServerId = '' }
        @{ Command = 'Get-ComputeImageSchedule'; Case = '-ServerId $null'; ServerId = $null }
        @{ Command = 'Disable-ComputeImageSchedule'; Case = 'an empty -ServerId'; ServerId = '' }
        @{ Command = 'Disable-ComputeImageSchedule'; Case = '-ServerId $null'; ServerId = $null }
    ) {
        $typeName = 'ComputeModule.Commands.' + ($Command -replace '-', '') + 'Command'
        Clear-EmulatorRequestLog
        { & $Command -ServerId $ServerId -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError,$typeName"
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It 'Enable-ComputeImageSchedule without -Retention (<Case>): MissingMandatoryParameter where nothing can prompt' -ForEach @(
        @{ Case = 'Daily'; Arguments = @{} }
        @{ Case = 'Weekly, -DayOfWeek Friday'; Arguments = @{ DayOfWeek = 'Friday' } }
    ) {
        # A runspace without a host cannot prompt for the missing mandatory parameter: it must fail instead.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddCommand('Import-Module').AddParameter('Name', $modulePath).AddStatement()
            $null = $ps.AddCommand('Enable-ComputeImageSchedule').AddParameter('ServerId', $spare.Id)
            foreach ($name in $Arguments.Keys) { $null = $ps.AddParameter($name, $Arguments[$name]) }
            Clear-EmulatorRequestLog
            $null = $ps.Invoke()
            @($ps.Streams.Error) | Should -HaveCount 1
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -Be 'MissingMandatoryParameter,ComputeModule.Commands.EnableComputeImageScheduleCommand'
            @(Get-EmulatorRequestLog) | Should -HaveCount 0
        }
        finally {
            $ps.Dispose()
        }
    }

    # PowerShell would OR them into another single day (Monday | Tuesday = Wednesday) and send that.
    It 'combined -DayOfWeek <Case> is refused before sending anything' -ForEach @(
        @{ Case = "'Monday,Tuesday'"; Day = 'Monday,Tuesday' }
        @{ Case = 'Monday, Friday'; Day = @('Monday', 'Friday') }
        @{ Case = "@('Saturday', 'Sunday')"; Day = @([System.DayOfWeek]::Saturday, [System.DayOfWeek]::Sunday) }
    ) {
        Clear-EmulatorRequestLog
        { Enable-ComputeImageSchedule -ServerId $spare.Id -Retention 1 -DayOfWeek $Day -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentTransformationError,ComputeModule.Commands.EnableComputeImageScheduleCommand' -ExpectedMessage '*DayOfWeek*One value*'
        @(Get-EmulatorRequestLog) | Should -HaveCount 0
    }

    It '-DayOfWeek <Case> enables a weekly schedule on Tuesday' -ForEach @(
        @{ Case = 'Tuesday'; Day = 'Tuesday' }
        @{ Case = 'TUESDAY'; Day = 'TUESDAY' }
        @{ Case = 'tue (a unique prefix)'; Day = 'tue' }
        @{ Case = '2'; Day = 2 }
        @{ Case = '[DayOfWeek]::Tuesday'; Day = [System.DayOfWeek]::Tuesday }
    ) {
        $schedule = Enable-ComputeImageSchedule -ServerId $spare.Id -Retention 2 -DayOfWeek $Day -ErrorAction Stop
        $schedule.Frequency | Should -Be 'Weekly'
        $schedule.DayOfWeek | Should -Be ([System.DayOfWeek]::Tuesday)
        (Get-ComputeImageSchedule -ServerId $spare.Id -ErrorAction Stop).DayOfWeek | Should -Be ([System.DayOfWeek]::Tuesday)
    }

    It '-Retention <_> (a bound of 1..65535) is accepted and kept' -ForEach @(1, 65535) {
        $schedule = Enable-ComputeImageSchedule -ServerId $spare.Id -Retention $_ -ErrorAction Stop
        $schedule.Retention | Should -Be $_
        (Get-ComputeImageSchedule -ServerId $spare.Id -ErrorAction Stop).Retention | Should -Be $_
    }
}

Describe 'Image schedules in the object pipeline' -Tag 'EmulatorOnly' {
    BeforeAll {
        $servers = @(Get-ComputeServer -All -ErrorAction Stop)
        $null = Enable-ComputeImageSchedule -ServerId $servers[4].Id -Retention 9 -ErrorAction Stop
        $null = Enable-ComputeImageSchedule -ServerId $servers[6].Id -Retention 2 -DayOfWeek Saturday -ErrorAction Stop
        $null = Enable-ComputeImageSchedule -ServerId $servers[7].Id -Retention 5 -DayOfWeek Monday -ErrorAction Stop
        $schedules = @($servers[4], $servers[6], $servers[7] | Get-ComputeImageSchedule -ErrorAction Stop)
    }

    It 'Sort-Object Retention orders the schedules' {
        @($schedules | Sort-Object Retention | ForEach-Object { $_.Retention }) | Should -Be @(2, 5, 9)
        @($schedules | Sort-Object Retention -Descending | ForEach-Object { $_.ServerId }) | Should -Be @($servers[4].Id, $servers[7].Id, $servers[6].Id)
    }

    It 'Group-Object Frequency splits daily from weekly' {
        $groups = @($schedules | Group-Object Frequency | Sort-Object Name)
        @($groups | ForEach-Object { $_.Name }) | Should -Be @('Daily', 'Weekly')
        @($groups | ForEach-Object { $_.Count }) | Should -Be @(1, 2)
    }

    It 'Where-Object DayOfWeek -eq Monday finds the Monday schedule' {
        $monday = @($schedules | Where-Object DayOfWeek -eq 'Monday')
        $monday | Should -HaveCount 1
        $monday[0].ServerId | Should -Be $servers[7].Id
    }

    It 'Export-Csv and Import-Csv keep ServerId, Frequency, Retention and DayOfWeek (empty for daily)' {
        $path = Join-Path $TestDrive 'schedules.csv'
        $schedules | Export-Csv -LiteralPath $path -NoTypeInformation
        $rows = @(Import-Csv -LiteralPath $path)
        $rows | Should -HaveCount 3
        for ($i = 0; $i -lt 3; $i++) {
            $rows[$i].ServerId | Should -Be $schedules[$i].ServerId
            $rows[$i].Frequency | Should -Be $schedules[$i].Frequency
            [int] $rows[$i].Retention | Should -Be $schedules[$i].Retention
            $rows[$i].DayOfWeek | Should -Be "$($schedules[$i].DayOfWeek)"
        }
        $rows[0].DayOfWeek | Should -BeExactly ''
    }

    It 'rows from Import-Csv bind by property name to Get-ComputeImageSchedule' {
        $path = Join-Path $TestDrive 'schedule-servers.csv'
        $schedules | Export-Csv -LiteralPath $path -NoTypeInformation
        @(Import-Csv -LiteralPath $path | Get-ComputeImageSchedule -ErrorAction Stop | ForEach-Object { $_.ServerId }) | Should -Be @($schedules | ForEach-Object { $_.ServerId })
    }

    It 'ConvertTo-Json keeps ServerId, Frequency, Retention and DayOfWeek' {
        # Two steps: Windows PowerShell 5.1's ConvertFrom-Json writes an array as one object.
        $parsed = $schedules | ConvertTo-Json | ConvertFrom-Json
        $back = @($parsed)
        $back | Should -HaveCount 3
        for ($i = 0; $i -lt 3; $i++) {
            $back[$i].ServerId | Should -Be $schedules[$i].ServerId
            $back[$i].Frequency | Should -Be $schedules[$i].Frequency
            $back[$i].Retention | Should -Be $schedules[$i].Retention
        }
        $back[0].DayOfWeek | Should -BeNullOrEmpty
        [System.DayOfWeek] $back[1].DayOfWeek | Should -Be ([System.DayOfWeek]::Saturday)
        [System.DayOfWeek] $back[2].DayOfWeek | Should -Be ([System.DayOfWeek]::Monday)
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
