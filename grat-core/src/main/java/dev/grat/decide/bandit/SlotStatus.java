package dev.grat.decide.bandit;

/**
 * How a slot decides now.
 *
 * @param updates           observations its policy has learned from
 * @param apprentice        the takeover test in apprentice mode, else null
 * @param runningExperiment the id of the experiment running on the slot, or null
 */
public record SlotStatus(String slot, PolicyConfig config, long updates, ApprenticeStatus apprentice,
                         String runningExperiment) {
}
