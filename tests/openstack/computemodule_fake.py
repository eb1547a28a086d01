"""Nova's fake virt driver, made to survive a nova-compute restart (used by up.sh).

nova.virt.fake.FakeDriver keeps its "VMs" in a dict in memory. After nova-compute restarts that dict
is empty: every server then looks powered off to the driver, snapshots fail with "trying to snapshot
a non-running instance" (and Nova deletes the half-made image). This subclass adopts any instance
Nova asks about that it does not know yet, as RUNNING, so the servers up.sh created keep working.
Loaded through compute_driver = computemodule_fake.FakeDriver: up.sh's nova-compute launcher imports
this file and registers it as nova.virt.computemodule_fake (Nova loads drivers from nova.virt only).
"""
from nova.compute import power_state
from nova.virt import fake


class FakeDriver(fake.FakeDriver):
    def _adopt(self, instance):
        if instance.uuid not in self.instances and instance.vm_state not in ('deleted', 'error', 'building'):
            self.instances[instance.uuid] = fake.FakeInstance(instance.name, power_state.RUNNING, instance.uuid)

    def get_info(self, instance, use_cache=True):
        self._adopt(instance)
        return super().get_info(instance, use_cache)

    def snapshot(self, context, instance, image_id, update_task_state):
        self._adopt(instance)
        return super().snapshot(context, instance, image_id, update_task_state)

    def power_off(self, instance, timeout=0, retry_interval=0):
        self._adopt(instance)
        return super().power_off(instance, timeout, retry_interval)

    def power_on(self, context, instance, network_info, block_device_info=None, accel_info=None):
        self._adopt(instance)
        return super().power_on(context, instance, network_info, block_device_info, accel_info)
